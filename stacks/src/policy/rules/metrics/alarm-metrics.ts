import type { JsonObject } from "../../types.ts";
import { asList, isObject } from "../util.ts";

export interface AlarmMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: JsonObject;
}

/** The metrics an `aws_cloudwatch_metric_alarm` reads: its own, or each `metric_query[].metric`. */
export function alarmMetrics(config: JsonObject): AlarmMetric[] {
  const own =
    typeof config.metric_name === "string"
      ? [
          {
            namespace: String(config.namespace),
            metricName: config.metric_name,
            dimensions: config.dimensions,
          },
        ]
      : [];
  const queried = asList(config.metric_query)
    .map((q) => asList(q.metric)[0])
    .filter((m): m is JsonObject => m !== undefined && typeof m.metric_name === "string")
    .map((m) => ({
      namespace: String(m.namespace),
      metricName: String(m.metric_name),
      dimensions: m.dimensions,
    }));
  return [...own, ...queried].map((m) => ({ ...m, dimensions: isObject(m.dimensions) ? m.dimensions : {} }));
}
