import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource } from "../util.ts";

/** Groups launch from a launch template (directly or via a mixed instances policy), not a launch configuration. */
export const AutoScalingGroupLaunchTemplate: PolicyRule = {
  name: "AutoScalingGroupLaunchTemplate",
  check(block) {
    if (!isResource(block, "aws_autoscaling_group")) return Compliance.NOT_APPLICABLE;
    const { launch_template, mixed_instances_policy, launch_configuration } = block.config;
    if (launch_configuration !== undefined) return Compliance.NON_COMPLIANT;
    return launch_template !== undefined || mixed_instances_policy !== undefined
      ? Compliance.COMPLIANT
      : Compliance.NON_COMPLIANT;
  },
};
