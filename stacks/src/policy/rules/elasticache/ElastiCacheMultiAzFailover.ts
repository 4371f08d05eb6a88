import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, isTrue, nonCompliant } from "../util.ts";

const on = (value: unknown) => isTrue(value) || isExpression(value);

/** Replication groups fail over automatically to a replica in another AZ. */
export const ElastiCacheMultiAzFailover: PolicyRule = {
  name: "ElastiCacheMultiAzFailover",
  checkov: "CKV2_AWS_50",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const { automatic_failover_enabled, multi_az_enabled, num_cache_clusters, replicas_per_node_group } =
      block.config;
    const problems: string[] = [];
    if (!on(automatic_failover_enabled)) problems.push("automatic_failover_enabled is not true");
    if (!on(multi_az_enabled)) problems.push("multi_az_enabled is not true");
    const nodes =
      num_cache_clusters ?? (replicas_per_node_group === undefined ? 1 : Number(replicas_per_node_group) + 1);
    if (!isExpression(nodes) && Number(nodes) < 2)
      problems.push(`${String(nodes)} node(s): no replica to fail over to`);
    return problems.length === 0 ? Compliance.COMPLIANT : nonCompliant(problems.join("; "));
  },
};
