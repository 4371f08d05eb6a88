import { type AlertDestinations, type Platform, SEVERITIES, type Severity } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { SnsTopic, SnsTopicSubscription } from "../providers/aws.ts";
import { Construct, type TerraformProvider } from "../providers/cdktf.ts";

/**
 * Subscribes the e-mail and HTTPS destinations to a topic (with the topic region's provider: SNS subscriptions
 * are made in the topic's region). Returns how many subscriptions were made.
 */
export function subscribeDestinations(
  scope: Construct,
  idPrefix: string,
  topicArn: string,
  destinations: AlertDestinations,
  provider?: TerraformProvider,
): number {
  const endpoints = [
    ...destinations.emails.map((endpoint) => ({ protocol: "email", endpoint })),
    ...destinations.httpsEndpoints.map((endpoint) => ({ protocol: "https", endpoint })),
  ];
  endpoints.forEach(({ protocol, endpoint }, i) => {
    new SnsTopicSubscription(scope, `${idPrefix}-${protocol}-${i}`, {
      topicArn,
      protocol,
      endpoint,
      ...(provider ? { provider } : {}),
    });
  });
  return endpoints.length;
}

export interface AlertTopicsProps {
  /** `alerting` is read: destinations per severity of this environment. */
  readonly platform: Platform;
  /** KMS key of the topics; its policy must let CloudWatch (and Auto Scaling) publish. */
  readonly kmsKeyArn: string;
}

/**
 * One SNS topic per severity (`<product>-<env>-alerts-page`, `-alerts-ticket`) with the model's e-mail and HTTPS
 * subscriptions, or the model's existing topic for that severity. Every alarm notifies `topicFor(severity)`:
 *
 * @example new CloudwatchMetricAlarm(this, "x", { ..., alarmActions: [alerts.topicFor("page")] })
 */
export class AlertTopics extends Construct {
  /** Topic ARN per severity (created here, or the model's `topicArn`). */
  readonly topicArns: Readonly<Record<Severity, string>>;
  /** Topics created by this construct (none for a severity that uses an existing topic). */
  readonly topics: Partial<Record<Severity, SnsTopic>> = {};

  constructor(scope: Construct, id: string, props: AlertTopicsProps) {
    super(scope, id);
    const p = props.platform;
    const arns = {} as Record<Severity, string>;
    for (const severity of SEVERITIES) {
      const destinations: AlertDestinations = p.alerting[severity];
      if (destinations.topicArn !== null) {
        arns[severity] = destinations.topicArn;
        continue;
      }
      const topic = new SnsTopic(this, severity, {
        name: awsName(p, `alerts-${severity}`),
        // CloudWatch cannot publish to a topic under the AWS-managed SNS key; the stack's key allows it.
        kmsMasterKeyId: props.kmsKeyArn,
      });
      subscribeDestinations(this, severity, topic.arn, destinations);
      this.topics[severity] = topic;
      arns[severity] = topic.arn;
    }
    this.topicArns = arns;
  }

  /** The topic alarms of `severity` notify. */
  topicFor(severity: Severity): string {
    return this.topicArns[severity];
  }
}
