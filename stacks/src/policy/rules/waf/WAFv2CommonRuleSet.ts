import { Compliance, type PolicyRule } from "../../types.ts";
import { isCountOnly, isResource, managedGroupOf, nonCompliant, wafRules } from "../util.ts";

const GROUP = "AWSManagedRulesCommonRuleSet";

/** Web ACLs run the AWS core rule set (OWASP top-10 style protections), enforcing, not counting. */
export const WAFv2CommonRuleSet: PolicyRule = {
  name: "WAFv2CommonRuleSet",
  check(block) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const rule = wafRules(block.config).find((r) => managedGroupOf(r)?.name === GROUP);
    if (!rule) return nonCompliant(`no ${GROUP} rule`);
    return isCountOnly(rule) ? nonCompliant(`${GROUP} is overridden to count`) : Compliance.COMPLIANT;
  },
};
