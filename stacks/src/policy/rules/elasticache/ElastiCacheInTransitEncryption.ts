import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, isTrue, nonCompliant } from "../util.ts";

/** Replication groups require TLS between clients and nodes (`preferred` still accepts plaintext). */
export const ElastiCacheInTransitEncryption: PolicyRule = {
  name: "ElastiCacheInTransitEncryption",
  checkov: "CKV_AWS_30",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const { transit_encryption_enabled: enabled, transit_encryption_mode: mode } = block.config;
    if (!isTrue(enabled) && !isExpression(enabled))
      return nonCompliant("transit_encryption_enabled is not true");
    if (mode === "preferred")
      return nonCompliant("transit_encryption_mode is preferred (plaintext still accepted)");
    return Compliance.COMPLIANT;
  },
};
