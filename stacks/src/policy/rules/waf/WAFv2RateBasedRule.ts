import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nested, wafRules } from "../util.ts";

/** Enforcing actions for a rate-based rule (`count` only measures). */
const ENFORCING = ["block", "captcha", "challenge"];

/** Web ACLs have at least one enforcing rate-based rule. */
export const WAFv2RateBasedRule: PolicyRule = {
  name: "WAFv2RateBasedRule",
  check(block) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const enforcing = wafRules(block.config).some((rule) => {
      const rate = nested(nested(rule.statement).rate_based_statement);
      const action = Object.keys(nested(rule.action));
      return rate.limit !== undefined && action.some((a) => ENFORCING.includes(a));
    });
    return enforcing ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
