import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isResource, nonCompliant } from "../util.ts";

/**
 * Redis/Valkey parameter groups set an evicting `maxmemory-policy`: the default `volatile-lru` only evicts
 * keys with a TTL, and `noeviction` turns a full cache into write errors.
 */
export const ElastiCacheEvictionPolicy: PolicyRule = {
  name: "ElastiCacheEvictionPolicy",
  check(block) {
    if (!isResource(block, "aws_elasticache_parameter_group")) return Compliance.NOT_APPLICABLE;
    const family = String(block.config.family ?? "");
    if (!/^(redis|valkey)/.test(family)) return Compliance.NOT_APPLICABLE;
    const policy = asList(block.config.parameter).find((p) => p.name === "maxmemory-policy")?.value;
    if (typeof policy === "string" && policy.startsWith("allkeys-")) return Compliance.COMPLIANT;
    return nonCompliant(`maxmemory-policy is ${String(policy ?? "unset (volatile-lru)")}`);
  },
};
