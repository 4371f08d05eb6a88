import {
  type CloudflarePlan,
  MANAGED_RULESETS,
  PLAN_GATES,
  PLAN_LIMITS,
  type PlanFeature,
  planHas,
} from "@edge/platform/cloudflare-plans";
import { Compliance, type JsonObject, type PolicyRule } from "../../types.ts";
import { asList, isResource, nested, verdict, zoneSetting } from "../util.ts";
import { declaredPlan } from "./declared-plan.ts";

const gate = (plan: CloudflarePlan, feature: PlanFeature, where: string): string[] =>
  planHas(plan, feature)
    ? []
    : [
        `${where}: ${PLAN_GATES[feature].what} needs the ${PLAN_GATES[feature].lowestPlan} plan (declared: ${plan})`,
      ];

const managedGates = new Map<string, PlanFeature>(
  Object.values(MANAGED_RULESETS).map((r) => [r.id, r.gate] as [string, PlanFeature]),
);

function ruleProblems(plan: CloudflarePlan, phase: string, rule: JsonObject): string[] {
  const where = `rule ${String(rule.ref ?? rule.description ?? "?")}`;
  const params = nested(rule.action_parameters);
  const limits = PLAN_LIMITS[plan];
  const problems: string[] = [];
  const expression = String(rule.expression ?? "");
  if (/\smatches\s|\s~\s/.test(expression)) problems.push(...gate(plan, "regexOperator", where));
  const customKey = nested(nested(params.cache_key).custom_key);
  const queryString = nested(customKey.query_string);
  const lists = [nested(queryString.include).list, nested(queryString.exclude).list].some(Array.isArray);
  if (lists || ["header", "cookie", "host", "user"].some((k) => customKey[k] !== undefined)) {
    problems.push(...gate(plan, "customCacheKey", where));
  }
  const edgeTtl = nested(params.edge_ttl);
  if (edgeTtl.mode === "override_origin" && Number(edgeTtl.default) < limits.minEdgeTtlSeconds) {
    problems.push(
      `${where}: edge TTL ${String(edgeTtl.default)} s is below the ${plan} plan's minimum of ${limits.minEdgeTtlSeconds} s`,
    );
  }
  const managed = rule.action === "execute" ? managedGates.get(String(params.id)) : undefined;
  if (managed) problems.push(...gate(plan, managed, where));
  const ratelimit = nested(rule.ratelimit);
  if (phase === "http_ratelimit") {
    if (Number(ratelimit.period) > limits.maxRateLimitPeriodSeconds) {
      problems.push(
        `${where}: period ${String(ratelimit.period)} s exceeds the ${plan} plan's ${limits.maxRateLimitPeriodSeconds} s`,
      );
    }
    if (Number(ratelimit.mitigation_timeout) > limits.maxMitigationTimeoutSeconds) {
      problems.push(
        `${where}: mitigation_timeout ${String(ratelimit.mitigation_timeout)} s exceeds the ${plan} plan's ${limits.maxMitigationTimeoutSeconds} s`,
      );
    }
    if (!limits.rateLimitHostField && expression.includes("http.host")) {
      problems.push(`${where}: the ${plan} plan's rate-limiting rules may test the path only, not http.host`);
    }
  }
  return problems;
}

/**
 * Nothing in the stack needs a higher Cloudflare plan than the one it declares (the `plan.legacy_id`
 * postcondition of its `data.cloudflare_zone`; none declared = Free): regex `matches`, custom cache keys, edge TTLs
 * below the plan's minimum, managed WAF rulesets, rate-limit periods, timeouts, fields and rule counts, cache-rule
 * counts, and a writable `http2` setting. Sources: the table in packages/platform/src/cloudflare/plans.ts —
 * developers.cloudflare.com cache-keys (Availability), ruleset-engine/rules-language/operators (matches: Business+),
 * cache/how-to/edge-browser-cache-ttl (minimum edge TTL), waf/rate-limiting-rules (Availability),
 * cache/how-to/cache-rules (rules per plan), waf/managed-rules; provider internal/services/zone_setting/schema.go.
 */
export const CloudflarePlanGates: PolicyRule = {
  name: "CloudflarePlanGates",
  check(block, stack) {
    const plan = declaredPlan(stack);
    const http2 = zoneSetting(block, "http2");
    if (http2) return verdict(gate(plan, "http2Setting", "zone setting http2"));
    if (!isResource(block, "cloudflare_ruleset")) return Compliance.NOT_APPLICABLE;
    const phase = String(block.config.phase);
    const rules = asList(block.config.rules);
    const limits = PLAN_LIMITS[plan];
    const problems = rules.flatMap((rule) => ruleProblems(plan, phase, rule));
    if (phase === "http_ratelimit" && rules.length > limits.rateLimitRules) {
      problems.push(`${rules.length} rate-limiting rules; the ${plan} plan allows ${limits.rateLimitRules}`);
    }
    if (phase === "http_request_cache_settings" && rules.length > limits.cacheRules) {
      problems.push(`${rules.length} cache rules; the ${plan} plan allows ${limits.cacheRules}`);
    }
    return verdict(problems);
  },
};
