import { Compliance, type JsonObject, type PolicyRule } from "../../types.ts";
import { asList, isObject, isResource, nested, verdict, wafRules } from "../util.ts";

/** Every statement of a rule, nested ones included (not/and/or, rate-based scope-down). */
function statements(statement: JsonObject): JsonObject[] {
  const inner = [
    ...asList(nested(statement.not_statement).statement),
    ...asList(nested(statement.and_statement).statement),
    ...asList(nested(statement.or_statement).statement),
    ...asList(nested(statement.rate_based_statement).scope_down_statement),
  ];
  return [statement, ...inner.flatMap(statements)];
}

/**
 * Behind a proxy, rules keyed on the client IP read it from a header. Every ALB of this platform sits behind
 * Cloudflare (and the edge worker), so the source IP AWS WAF sees is a Cloudflare egress address: a rate-based
 * rule with `aggregate_key_type = "IP"` limits whole Cloudflare data centres and an IP-set match without
 * `ip_set_forwarded_ip_config` never matches a client. Sources: AWS WAF developer guide, "Using forwarded IP
 * addresses"; API reference ForwardedIPConfig / IPSetForwardedIPConfig; Cloudflare, "Cloudflare HTTP headers"
 * (CF-Connecting-IP).
 */
export const WAFv2ForwardedClientIp: PolicyRule = {
  name: "WAFv2ForwardedClientIp",
  check(block) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const problems: string[] = [];
    for (const rule of wafRules(block.config)) {
      for (const s of asList(rule.statement).flatMap(statements)) {
        const rate = nested(s.rate_based_statement);
        if (isObject(s.rate_based_statement) || Array.isArray(s.rate_based_statement)) {
          const key = rate.aggregate_key_type ?? "IP";
          if (key === "IP")
            problems.push(`rule ${String(rule.name)}: rate-based statement aggregates by source IP`);
        }
        const ipSet = s.ip_set_reference_statement;
        if ((isObject(ipSet) || Array.isArray(ipSet)) && !nested(ipSet).ip_set_forwarded_ip_config) {
          problems.push(`rule ${String(rule.name)}: IP set matched against the source IP`);
        }
      }
    }
    return verdict(problems);
  },
};
