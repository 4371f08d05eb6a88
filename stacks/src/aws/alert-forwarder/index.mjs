// Lambda handler (nodejs22.x; the runtime ships AWS SDK v3): republishes every message of the us-east-1 synthetic
// alarm topic to the model's existing alert topic in its own region. SNS delivers only to SQS queues and Lambda
// functions across regions, never to another topic, and CloudWatch alarms notify topics of their own region only.
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";

const target = process.env.TARGET_TOPIC_ARN ?? "";
// arn:<partition>:sns:<region>:<account>:<name>
const client = new SNSClient({ region: target.split(":")[3] });
/** SNS subjects are at most 100 characters. */
const SUBJECT_MAX = 100;

export async function handler(event) {
  for (const record of event.Records ?? []) {
    const { Message, Subject } = record.Sns;
    await client.send(
      new PublishCommand({
        TopicArn: target,
        Message,
        ...(Subject ? { Subject: Subject.slice(0, SUBJECT_MAX) } : {}),
      }),
    );
  }
}
