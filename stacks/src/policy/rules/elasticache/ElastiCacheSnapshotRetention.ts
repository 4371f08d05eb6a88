import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, nonCompliant } from "../util.ts";

/** Replication groups keep daily snapshots (`snapshot_retention_limit` > 0). */
export const ElastiCacheSnapshotRetention: PolicyRule = {
  name: "ElastiCacheSnapshotRetention",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const limit = block.config.snapshot_retention_limit;
    if (isExpression(limit) || Number(limit) > 0) return Compliance.COMPLIANT;
    return nonCompliant(`snapshot_retention_limit is ${String(limit ?? "unset (0)")}`);
  },
};
