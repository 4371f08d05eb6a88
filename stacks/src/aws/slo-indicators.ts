import type { LatencyObjective, ServiceLevelObjective } from "@edge/platform";
import type { CloudwatchMetricAlarmMetricQuery } from "../providers/aws.ts";

/**
 * Service level indicators of one SLO as CloudWatch metric math: each yields the share of bad requests, in
 * percent, over one period (the alert window). Sources, read 2026-11:
 * - ALB metrics per target group (`LoadBalancer` + `TargetGroup` dimensions): `RequestCount`,
 *   `HTTPCode_Target_5XX_Count`, `TargetResponseTime` (seconds) — Elastic Load Balancing user guide,
 *   "CloudWatch metrics for your Application Load Balancer". `HTTPCode_ELB_5XX_Count` has no `TargetGroup`
 *   dimension, so errors the ALB itself makes are not in a pool's SLI (the synthetic checks see them).
 * - Percentile rank `PR(:t)`: the share of data points ≤ t — CloudWatch user guide, "Statistics definitions";
 *   a metric query's `Stat` accepts any statistic or extended statistic (API `MetricStat`).
 * - A metric-math alarm may reference at most 10 metrics (CloudWatch user guide, "Alarm limits"); these use 2.
 */
export interface Indicator {
  /** Stable key in names: `availability`, `latency-p95`. */
  readonly key: string;
  /** For people: `availability 99.9 %`, `p95 ≤ 200 ms`. */
  readonly label: string;
  /** Error budget in percent of requests (100 − objective). */
  readonly budgetPercent: number;
  /** Metric queries whose `bad` expression is the bad-request percentage over `periodSeconds`. */
  queries(periodSeconds: number): CloudwatchMetricAlarmMetricQuery[];
  /** The same numbers as CloudWatch dashboard metric rows (ids prefixed to stay unique in one widget). */
  dashboardRows(prefix: string, visible: boolean): unknown[];
}

export interface TargetGroupDimensions {
  readonly LoadBalancer: string;
  readonly TargetGroup: string;
}

const ALB = "AWS/ApplicationELB";

const metric = (
  id: string,
  metricName: string,
  dimensions: TargetGroupDimensions,
  periodSeconds: number,
  stat: string,
): CloudwatchMetricAlarmMetricQuery => ({
  id,
  metric: { namespace: ALB, metricName, dimensions: { ...dimensions }, period: periodSeconds, stat },
});

/** 100 − objective without float noise (100 − 99.9 is 0.0999…94 in binary). */
const budgetOf = (objectivePercent: number) => Math.round((100 - objectivePercent) * 1e6) / 1e6;

const dims = (d: TargetGroupDimensions) => ["LoadBalancer", d.LoadBalancer, "TargetGroup", d.TargetGroup];

/** Percentile-rank statistic of a latency objective: TargetResponseTime is in seconds. */
export const percentileRankStat = (l: LatencyObjective) => `PR(:${l.thresholdMs / 1000})`;

export const latencyKey = (l: LatencyObjective) => `latency-p${String(l.percentile).replace(".", "_")}`;

export function indicatorsOf(slo: ServiceLevelObjective, d: TargetGroupDimensions): Indicator[] {
  const availability: Indicator = {
    key: "availability",
    label: `availability ${slo.availabilityPercent} %`,
    budgetPercent: budgetOf(slo.availabilityPercent),
    queries: (period) => [
      {
        id: "bad",
        label: "5xx % of requests",
        expression: "IF(requests > 0, 100 * errors / requests, 0)",
        returnData: true,
      },
      metric("errors", "HTTPCode_Target_5XX_Count", d, period, "Sum"),
      metric("requests", "RequestCount", d, period, "Sum"),
    ],
    dashboardRows: (prefix, visible) => [
      [{ expression: `IF(${prefix}r > 0, 100 * ${prefix}e / ${prefix}r, 0)`, id: `${prefix}bad`, visible }],
      [ALB, "HTTPCode_Target_5XX_Count", ...dims(d), { stat: "Sum", id: `${prefix}e`, visible: false }],
      [ALB, "RequestCount", ...dims(d), { stat: "Sum", id: `${prefix}r`, visible: false }],
    ],
  };
  const latency = slo.latency.map(
    (l): Indicator => ({
      key: latencyKey(l),
      label: `p${l.percentile} ≤ ${l.thresholdMs} ms`,
      budgetPercent: budgetOf(l.percentile),
      queries: (period) => [
        {
          id: "bad",
          label: `% of requests slower than ${l.thresholdMs} ms`,
          expression: "IF(requests > 0, 100 - fast, 0)",
          returnData: true,
        },
        metric("fast", "TargetResponseTime", d, period, percentileRankStat(l)),
        metric("requests", "RequestCount", d, period, "Sum"),
      ],
      dashboardRows: (prefix, visible) => [
        [{ expression: `IF(${prefix}r > 0, 100 - ${prefix}f, 0)`, id: `${prefix}bad`, visible }],
        [
          ALB,
          "TargetResponseTime",
          ...dims(d),
          { stat: percentileRankStat(l), id: `${prefix}f`, visible: false },
        ],
        [ALB, "RequestCount", ...dims(d), { stat: "Sum", id: `${prefix}r`, visible: false }],
      ],
    }),
  );
  return [availability, ...latency];
}
