import type { Block, JsonObject, PolicyRule, StackView } from "../../types.ts";
import { Compliance } from "../../types.ts";
import { isExpression, isObject, isResource, verdict } from "../util.ts";
import { alarmMetrics } from "./alarm-metrics.ts";
import { AGENT_NAMESPACE, sameDimensions } from "./published-metrics.ts";

/** CloudWatch agent configurations stored in the stack's SSM parameters (Terraform's `$${` is a literal `${`). */
function agentConfigs(stack: StackView): JsonObject[] {
  return stack.resourcesOfType("aws_ssm_parameter").flatMap((p: Block) => {
    const value = p.config.value;
    if (typeof value !== "string" || isExpression(value.replaceAll("$${", ""))) return [];
    try {
      const parsed: unknown = JSON.parse(value.replaceAll("$${", "${"));
      return isObject(parsed) && isObject(parsed.metrics) ? [parsed.metrics] : [];
    } catch {
      return [];
    }
  });
}

/** What an agent configuration publishes: metric names and the dimension sets they carry. */
function agentPublishes(metrics: JsonObject, metricName: string, dims: readonly string[]): boolean {
  if ((metrics.namespace ?? AGENT_NAMESPACE) !== AGENT_NAMESPACE) return false;
  const collected = isObject(metrics.metrics_collected) ? Object.values(metrics.metrics_collected) : [];
  const measured = collected
    .filter(isObject)
    .flatMap((c) => (Array.isArray(c.measurement) ? c.measurement : []))
    .map((m) => (isObject(m) ? m.name : m));
  if (!measured.includes(metricName)) return false;
  const rollups = Array.isArray(metrics.aggregation_dimensions) ? metrics.aggregation_dimensions : [];
  const appended = isObject(metrics.append_dimensions) ? Object.keys(metrics.append_dimensions) : [];
  return [...rollups.filter(Array.isArray), appended].some((set) => sameDimensions(set as string[], dims));
}

/**
 * Metrics that exist only when the stack makes them: `CWAgent` metrics need a CloudWatch agent configuration
 * (an SSM parameter the instances load) that measures the metric and publishes exactly the alarm's dimension
 * set through `aggregation_dimensions` or `append_dimensions` (AWS, "Manually create or edit the CloudWatch agent
 * configuration file"); `AWS/SQS` metrics need the queue (an `aws_sqs_queue` or `data.aws_sqs_queue` of that
 * name: SQS publishes metrics for existing queues only, per the SQS developer guide's CloudWatch metrics page).
 */
export const AlarmMetricProducer: PolicyRule = {
  name: "AlarmMetricProducer",
  check(block, stack) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm")) return Compliance.NOT_APPLICABLE;
    const metrics = alarmMetrics(block.config).filter(
      (m) => m.namespace === AGENT_NAMESPACE || m.namespace === "AWS/SQS",
    );
    if (metrics.length === 0) return Compliance.NOT_APPLICABLE;
    const problems: string[] = [];
    for (const m of metrics) {
      const dims = Object.keys(m.dimensions);
      if (m.namespace === AGENT_NAMESPACE) {
        if (!agentConfigs(stack).some((c) => agentPublishes(c, m.metricName, dims))) {
          problems.push(
            `${m.namespace} ${m.metricName} by [${dims.join(", ")}]: no CloudWatch agent configuration in this stack publishes it`,
          );
        }
        continue;
      }
      const queue = m.dimensions.QueueName;
      if (isExpression(queue)) continue;
      const declared = stack.blocks.some(
        (b) =>
          (b.kind === "resource" || b.kind === "data") &&
          b.type === "aws_sqs_queue" &&
          b.config.name === queue,
      );
      if (!declared)
        problems.push(`AWS/SQS ${m.metricName}: queue "${String(queue)}" is neither created nor looked up`);
    }
    return verdict(problems);
  },
};
