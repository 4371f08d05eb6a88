import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, nested, nonCompliant } from "../util.ts";

/**
 * The IMDS response hop limit is explicitly 1, so tokens cannot leave the instance. Explicit because
 * some AMIs (e.g. Amazon Linux 2023) default it to 2.
 */
export const LaunchTemplateHopLimit: PolicyRule = {
  name: "LaunchTemplateHopLimit",
  checkov: "CKV_AWS_341",
  check(block) {
    if (!isResource(block, "aws_launch_template", "aws_launch_configuration"))
      return Compliance.NOT_APPLICABLE;
    const limit = nested(block.config.metadata_options).http_put_response_hop_limit;
    if (isExpression(limit) || Number(limit) === 1) return Compliance.COMPLIANT;
    return nonCompliant(`http_put_response_hop_limit is ${String(limit ?? "unset")}`);
  },
};
