import { Compliance, type PolicyRule } from "../../types.ts";
import { isApplicationLoadBalancer, isExpression, isTrue } from "../util.ts";

/** ALBs drop HTTP header fields with invalid names instead of forwarding them to targets. */
export const ALBHttpDropInvalidHeaderEnabled: PolicyRule = {
  name: "ALBHttpDropInvalidHeaderEnabled",
  checkov: "CKV_AWS_131",
  check(block) {
    if (!isApplicationLoadBalancer(block)) return Compliance.NOT_APPLICABLE;
    const value = block.config.drop_invalid_header_fields;
    if (isTrue(value) || isExpression(value)) return Compliance.COMPLIANT;
    return Compliance.NON_COMPLIANT;
  },
};
