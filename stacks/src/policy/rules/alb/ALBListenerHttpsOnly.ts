import { type Block, Compliance, type JsonObject, type PolicyRule } from "../../types.ts";
import { asList, isResource, LISTENER_TYPES, nested, nonCompliant, refersTo } from "../util.ts";

/** An action that sends the client to HTTPS (and nothing else). */
function redirectsToHttps(action: JsonObject): boolean {
  return action.type === "redirect" && nested(action.redirect).protocol === "HTTPS";
}

/**
 * Plain-HTTP listeners only redirect to HTTPS: their default action and every listener rule
 * attached to them (`aws_lb_listener_rule.listener_arn`) must be an HTTPS redirect.
 */
export const ALBListenerHttpsOnly: PolicyRule = {
  name: "ALBListenerHttpsOnly",
  checkov: "CKV_AWS_2",
  check(block, stack) {
    if (!isResource(block, ...LISTENER_TYPES)) return Compliance.NOT_APPLICABLE;
    const protocol = block.config.protocol ?? "HTTP";
    if (protocol !== "HTTP") return Compliance.NOT_APPLICABLE;
    const problems: string[] = [];
    const defaults = asList(block.config.default_action);
    if (defaults.length === 0 || !defaults.every(redirectsToHttps)) {
      problems.push("default_action is not a redirect to HTTPS");
    }
    const rules: Block[] = [
      ...stack.resourcesOfType("aws_lb_listener_rule"),
      ...stack.resourcesOfType("aws_alb_listener_rule"),
    ];
    for (const rule of rules) {
      if (!refersTo(rule.config.listener_arn, block.address)) continue;
      if (!asList(rule.config.action).every(redirectsToHttps))
        problems.push(`${rule.address} serves plain HTTP`);
    }
    return problems.length === 0 ? Compliance.COMPLIANT : nonCompliant(problems.join("; "));
  },
};
