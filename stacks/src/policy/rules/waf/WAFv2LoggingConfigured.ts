import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, refersTo } from "../util.ts";

/** Web ACLs are the `resource_arn` of an `aws_wafv2_web_acl_logging_configuration`. */
export const WAFv2LoggingConfigured: PolicyRule = {
  name: "WAFv2LoggingConfigured",
  checkov: "CKV2_AWS_31",
  check(block, stack) {
    if (!isResource(block, "aws_wafv2_web_acl")) return Compliance.NOT_APPLICABLE;
    const logged = stack
      .resourcesOfType("aws_wafv2_web_acl_logging_configuration")
      .some((logging) => refersTo(logging.config.resource_arn, block.address));
    return logged ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
