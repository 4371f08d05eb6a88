import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, verdict } from "../util.ts";
import { alarmMetrics } from "./alarm-metrics.ts";
import { PUBLISHED_METRICS, sameDimensions } from "./published-metrics.ts";

/**
 * Every metric an alarm reads in an `AWS/*` namespace is one AWS publishes, with a dimension set AWS publishes
 * for it (table and sources: published-metrics.ts — the ALB, ElastiCache, EC2 Auto Scaling, EC2, SQS, WAF and
 * Route 53 metric references). A wrong set (ElastiCache by `ReplicationGroupId`) matches no time series: the
 * alarm never fires. Custom namespaces are not AWS's to publish; `CWAgent` is checked by CW8.
 */
export const AlarmPublishedMetric: PolicyRule = {
  name: "AlarmPublishedMetric",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm")) return Compliance.NOT_APPLICABLE;
    const metrics = alarmMetrics(block.config).filter((m) => m.namespace.startsWith("AWS/"));
    if (metrics.length === 0) return Compliance.NOT_APPLICABLE;
    const problems: string[] = [];
    for (const m of metrics) {
      const published = PUBLISHED_METRICS[m.namespace]?.[m.metricName];
      const dims = Object.keys(m.dimensions);
      if (!published) {
        problems.push(`${m.namespace} ${m.metricName} is not in the table of published metrics`);
      } else if (!published.dimensionSets.some((set) => sameDimensions(set, dims))) {
        problems.push(
          `${m.namespace} ${m.metricName} by [${dims.join(", ")}] is not published; AWS publishes ${published.dimensionSets
            .map((s) => `[${s.join(", ")}]`)
            .join(" or ")} (${published.source})`,
        );
      }
    }
    return verdict(problems);
  },
};
