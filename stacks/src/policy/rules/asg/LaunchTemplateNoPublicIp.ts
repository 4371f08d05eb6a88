import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isResource, isTrue } from "../util.ts";

/** Instances behind the ALB get no public IP address. */
export const LaunchTemplateNoPublicIp: PolicyRule = {
  name: "LaunchTemplateNoPublicIp",
  checkov: "CKV_AWS_88",
  check(block) {
    if (isResource(block, "aws_launch_template")) {
      const public_ = asList(block.config.network_interfaces).some((n) =>
        isTrue(n.associate_public_ip_address),
      );
      return public_ ? Compliance.NON_COMPLIANT : Compliance.COMPLIANT;
    }
    if (isResource(block, "aws_launch_configuration", "aws_instance")) {
      return isTrue(block.config.associate_public_ip_address)
        ? Compliance.NON_COMPLIANT
        : Compliance.COMPLIANT;
    }
    return Compliance.NOT_APPLICABLE;
  },
};
