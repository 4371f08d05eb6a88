import { Compliance, type PolicyRule } from "../../types.ts";
import { isApplicationLoadBalancer, isTrue, refersTo } from "../util.ts";

/** Internet-facing ALBs are the `resource_arn` of an `aws_wafv2_web_acl_association`. */
export const WAFv2AlbAssociated: PolicyRule = {
  name: "WAFv2AlbAssociated",
  checkov: "CKV2_AWS_28",
  check(block, stack) {
    if (!isApplicationLoadBalancer(block) || isTrue(block.config.internal)) return Compliance.NOT_APPLICABLE;
    const associated = stack
      .resourcesOfType("aws_wafv2_web_acl_association")
      .some((association) => refersTo(association.config.resource_arn, block.address));
    return associated ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
