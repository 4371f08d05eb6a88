import { Compliance, type PolicyRule } from "../../types.ts";
import { isApplicationLoadBalancer, isExpression, isTrue } from "../util.ts";

/** ALBs have deletion protection on (the pack makes this an error in production only). */
export const ALBDeletionProtection: PolicyRule = {
  name: "ALBDeletionProtection",
  checkov: "CKV_AWS_150",
  check(block) {
    if (!isApplicationLoadBalancer(block)) return Compliance.NOT_APPLICABLE;
    const value = block.config.enable_deletion_protection;
    return isTrue(value) || isExpression(value) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
