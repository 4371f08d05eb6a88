import { Compliance, type JsonObject, type PolicyRule } from "../../types.ts";
import { isExpression, isObject, isResource, verdict } from "../util.ts";

const SEVEN_DAYS = 604_800;
const ONE_DAY = 86_400;
const ONE_HOUR = 3_600;
const MAX_MATH_METRICS = 10;

const validPeriod = (s: number) => s === 10 || s === 20 || s === 30 || (s > 0 && s % 60 === 0);

/**
 * Metric alarms CloudWatch accepts: every period is 10, 20, 30 or a multiple of 60 seconds; period ×
 * evaluation_periods is at most 7 days, and at most 1 day when the period is under an hour; a metric-math alarm
 * references at most 10 metrics. Sources: PutMetricAlarm API reference (`Period`, `EvaluationPeriods`);
 * CloudWatch user guide, "Alarm limits" (metric math alarms). Burn-rate windows of days run into these limits.
 */
export const AlarmEvaluationRange: PolicyRule = {
  name: "AlarmEvaluationRange",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm")) return Compliance.NOT_APPLICABLE;
    const c = block.config;
    const evaluations = Number(c.evaluation_periods);
    const queries = Array.isArray(c.metric_query) ? c.metric_query.filter(isObject) : [];
    const metrics = queries.map((q) => q.metric).filter(isObject) as JsonObject[];
    const periods = [c.period, ...metrics.map((m) => m.period)].filter(
      (v) => v !== undefined && !isExpression(v),
    );
    const problems: string[] = [];
    if (metrics.length > MAX_MATH_METRICS) {
      problems.push(`${metrics.length} metrics in metric_query (at most ${MAX_MATH_METRICS})`);
    }
    for (const period of new Set(periods.map(Number))) {
      if (!validPeriod(period)) problems.push(`period ${period} s is not 10, 20, 30 or a multiple of 60`);
      const range = period * evaluations;
      const limit = period < ONE_HOUR ? ONE_DAY : SEVEN_DAYS;
      if (!Number.isNaN(evaluations) && range > limit) {
        problems.push(
          `period ${period} s × evaluation_periods ${evaluations} = ${range} s exceeds ${limit} s${period < ONE_HOUR ? " (periods under an hour)" : ""}`,
        );
      }
    }
    return verdict(problems);
  },
};
