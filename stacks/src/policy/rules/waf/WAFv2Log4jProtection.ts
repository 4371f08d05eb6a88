import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isCountOnly, isResource, managedGroupOf, nested, nonCompliant, wafRules } from "../util.ts";

const GROUP = "AWSManagedRulesKnownBadInputsRuleSet";
const LOG4J_RULE = "Log4JRCE";

/** Web ACLs run the known-bad-inputs group without disabling its Log4j (CVE-2021-44228) rule. */
export const WAFv2Log4jProtection: PolicyRule = {
  name: "WAFv2Log4jProtection",
  checkov: "CKV_AWS_192",
  check(block) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const rule = wafRules(block.config).find((r) => managedGroupOf(r)?.name === GROUP);
    if (!rule) return nonCompliant(`no ${GROUP} rule`);
    if (isCountOnly(rule)) return nonCompliant(`${GROUP} is overridden to count`);
    const group = managedGroupOf(rule) ?? {};
    const overridden = asList(group.rule_action_override).some(
      (o) => o.name === LOG4J_RULE && !Object.keys(nested(o.action_to_use)).includes("block"),
    );
    const excluded = asList(group.excluded_rule).some((o) => o.name === LOG4J_RULE);
    return overridden || excluded
      ? nonCompliant(`${LOG4J_RULE} is excluded or not blocking`)
      : Compliance.COMPLIANT;
  },
};
