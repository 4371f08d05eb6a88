import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource } from "../util.ts";

/** Clients authenticate: an AUTH token (from a variable/secret) or RBAC user groups. */
export const ElastiCacheAuth: PolicyRule = {
  name: "ElastiCacheAuth",
  checkov: "CKV_AWS_31",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const { auth_token, auth_token_wo, user_group_ids } = block.config;
    const hasToken = [auth_token, auth_token_wo].some((t) => typeof t === "string" && t !== "");
    const hasGroups =
      (Array.isArray(user_group_ids) && user_group_ids.length > 0) || typeof user_group_ids === "string";
    return hasToken || hasGroups ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
