import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, isTrue } from "../util.ts";

/** Replication groups encrypt data at rest (nodes, snapshots, swap). */
export const ElastiCacheAtRestEncryption: PolicyRule = {
  name: "ElastiCacheAtRestEncryption",
  checkov: "CKV_AWS_29",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const value = block.config.at_rest_encryption_enabled;
    return isTrue(value) || isExpression(value) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
