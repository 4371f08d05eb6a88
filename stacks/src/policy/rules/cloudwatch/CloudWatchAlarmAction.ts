import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nonCompliant, refersTo } from "../util.ts";

const hasActions = (alarmActions: unknown) =>
  (Array.isArray(alarmActions) && alarmActions.length > 0) || typeof alarmActions === "string";

/**
 * Alarms do something when they fire: actions enabled and at least one `alarm_actions` target. A metric alarm
 * without actions is fine when a composite alarm with actions combines it (multi-window alerts: each window
 * alone must not notify).
 */
export const CloudWatchAlarmAction: PolicyRule = {
  name: "CloudWatchAlarmAction",
  checkov: "CKV_AWS_319",
  check(block, stack) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm")) {
      return Compliance.NOT_APPLICABLE;
    }
    const { actions_enabled, alarm_actions } = block.config;
    if (actions_enabled === false || actions_enabled === "false")
      return nonCompliant("actions_enabled is false");
    if (hasActions(alarm_actions)) return Compliance.COMPLIANT;
    const name = block.config.alarm_name;
    const combined = stack
      .resourcesOfType("aws_cloudwatch_composite_alarm")
      .some(
        (c) =>
          hasActions(c.config.alarm_actions) &&
          (refersTo(c.config.alarm_rule, block.address) ||
            (typeof name === "string" && String(c.config.alarm_rule ?? "").includes(`"${name}"`))),
      );
    return combined ? Compliance.COMPLIANT : nonCompliant("alarm_actions is empty");
  },
};
