import { Compliance, type JsonObject, type PolicyRule } from "../../types.ts";
import { isResource, isTrue, nested, nonCompliant, wafRules } from "../util.ts";

function visible(config: JsonObject): boolean {
  const visibility = nested(config.visibility_config);
  return isTrue(visibility.cloudwatch_metrics_enabled) && isTrue(visibility.sampled_requests_enabled);
}

/** The web ACL and each of its rules publish CloudWatch metrics and sampled requests. */
export const WAFv2VisibilityMetrics: PolicyRule = {
  name: "WAFv2VisibilityMetrics",
  check(block) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const dark = [
      ...(visible(block.config) ? [] : ["the web ACL"]),
      ...wafRules(block.config)
        .filter((rule) => !visible(rule))
        .map((rule) => `rule ${String(rule.name)}`),
    ];
    return dark.length === 0
      ? Compliance.COMPLIANT
      : nonCompliant(`metrics or sampling off for ${dark.join(", ")}`);
  },
};
