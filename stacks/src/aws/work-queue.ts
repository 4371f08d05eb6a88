import type { Platform } from "@edge/platform";
import { SqsQueue, SqsQueueRedrivePolicy } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

/** SQS keeps a message at most 14 days (1,209,600 s): the dead-letter queue keeps failures that long. */
const MAX_RETENTION_SECONDS = 1_209_600;

export interface WorkQueueProps {
  readonly platform: Platform;
  /** Queue name (`pools.<pool>.scaling.queueDepth.queueName`): the metric dimension `QueueName`. */
  readonly queueName: string;
  /** Receives before a message moves to the dead-letter queue (`queueDepth.maxReceiveCount`). */
  readonly maxReceiveCount: number;
}

/**
 * The queue behind a pool's queue-depth scaling, so `AWS/SQS ApproximateNumberOfMessagesVisible` by `QueueName`
 * has a producer: encrypted with SQS-managed keys, with a dead-letter queue (`<name>-dlq`) after
 * `maxReceiveCount` failed receives.
 */
export class WorkQueue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetters: SqsQueue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetters = new SqsQueue(this, "dead-letters", {
      name: `${props.queueName}-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: MAX_RETENTION_SECONDS,
    });
    this.queue = new SqsQueue(this, "queue", { name: props.queueName, sqsManagedSseEnabled: true });
    new SqsQueueRedrivePolicy(this, "redrive", {
      queueUrl: this.queue.url,
      redrivePolicy: JSON.stringify({
        deadLetterTargetArn: this.deadLetters.arn,
        maxReceiveCount: props.maxReceiveCount,
      }),
    });
  }
}
