import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nonCompliant } from "../util.ts";

/** Alarms do something when they fire: actions enabled and at least one `alarm_actions` target. */
export const CloudWatchAlarmAction: PolicyRule = {
  name: "CloudWatchAlarmAction",
  checkov: "CKV_AWS_319",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm")) {
      return Compliance.NOT_APPLICABLE;
    }
    const { actions_enabled, alarm_actions } = block.config;
    if (actions_enabled === false || actions_enabled === "false")
      return nonCompliant("actions_enabled is false");
    const hasActions =
      (Array.isArray(alarm_actions) && alarm_actions.length > 0) || typeof alarm_actions === "string";
    return hasActions ? Compliance.COMPLIANT : nonCompliant("alarm_actions is empty");
  },
};
