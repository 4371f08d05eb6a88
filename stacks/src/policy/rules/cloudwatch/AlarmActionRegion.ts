import { Compliance, type PolicyRule } from "../../types.ts";
import { awsRegionOf, isExpression, isResource, verdict } from "../util.ts";

const ACTION_LISTS = ["alarm_actions", "ok_actions", "insufficient_data_actions"] as const;
/** `arn:<partition>:sns:<region>:<account>:<name>` */
const SNS_ARN = /^arn:[\w-]+:sns:([a-z0-9-]+):/;
/** `${aws_sns_topic.<name>.arn}` */
const TOPIC_REF = /\$\{aws_sns_topic\.([\w-]+)\.arn\}/;

/**
 * Every SNS topic an alarm notifies is in the alarm's region: PutMetricAlarm refuses an action in another region
 * ("ValidationError: Invalid region <topic's> specified. Only <alarm's> is supported", seen at apply in
 * cds-snc/notification-terraform#128), and SNS cannot forward to a topic of another region (SNS developer guide,
 * "Sending Amazon SNS messages to an Amazon SQS queue or AWS Lambda function in a different Region": cross-region
 * delivery is to SQS and Lambda only). Checked for literal topic ARNs and for topics of the stack (their provider's
 * region); regions that are expressions are not known at synth and pass.
 */
export const AlarmActionRegion: PolicyRule = {
  name: "AlarmActionRegion",
  check(block, stack) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm")) {
      return Compliance.NOT_APPLICABLE;
    }
    const region = awsRegionOf(block, stack);
    if (typeof region !== "string" || isExpression(region)) return Compliance.NOT_APPLICABLE;
    const problems: string[] = [];
    for (const list of ACTION_LISTS) {
      const actions = block.config[list];
      for (const action of Array.isArray(actions) ? actions : []) {
        if (typeof action !== "string") continue;
        const literal = SNS_ARN.exec(action)?.[1];
        const topic = TOPIC_REF.exec(action)?.[1];
        const topicBlock = topic
          ? stack.resourcesOfType("aws_sns_topic").find((b) => b.name === topic)
          : undefined;
        const topicRegion = literal ?? (topicBlock ? awsRegionOf(topicBlock, stack) : undefined);
        if (typeof topicRegion !== "string" || isExpression(topicRegion) || topicRegion === region) continue;
        problems.push(`${list}: ${action} is in ${topicRegion}, the alarm in ${region}`);
      }
    }
    return verdict(problems);
  },
};
