import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, refersTo } from "../util.ts";

/**
 * Every SNS topic the stack creates has at least one subscription in the stack. A topic without one accepts
 * alarm notifications and delivers them to nobody: the alarm fires, nobody is told. Source: Amazon SNS
 * developer guide, "Subscribing to an Amazon SNS topic" (messages are delivered only to subscribed endpoints);
 * Terraform AWS provider, `aws_sns_topic_subscription`.
 */
export const SnsTopicSubscribed: PolicyRule = {
  name: "SnsTopicSubscribed",
  check(block, stack) {
    if (!isResource(block, "aws_sns_topic")) return Compliance.NOT_APPLICABLE;
    const subscribed = stack
      .resourcesOfType("aws_sns_topic_subscription")
      .some((s) => refersTo(s.config.topic_arn, block.address));
    return subscribed
      ? Compliance.COMPLIANT
      : { status: Compliance.NON_COMPLIANT, detail: "no aws_sns_topic_subscription refers to this topic" };
  },
};
