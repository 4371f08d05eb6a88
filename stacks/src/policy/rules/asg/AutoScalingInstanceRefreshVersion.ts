import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nested, verdict } from "../util.ts";

/**
 * An Auto Scaling group with `instance_refresh` names its launch template version by number. Source: Terraform
 * AWS provider, `aws_autoscaling_group` (instance_refresh notes): "A refresh will not start when
 * `version = "$Latest"` is configured in the `launch_template` block" — use the template's `latest_version`.
 */
export const AutoScalingInstanceRefreshVersion: PolicyRule = {
  name: "AutoScalingInstanceRefreshVersion",
  check(block) {
    if (!isResource(block, "aws_autoscaling_group")) return Compliance.NOT_APPLICABLE;
    const c = block.config;
    if (Object.keys(nested(c.instance_refresh)).length === 0) return Compliance.NOT_APPLICABLE;
    const versions = [
      ["launch_template", nested(c.launch_template).version],
      [
        "mixed_instances_policy.launch_template.launch_template_specification",
        nested(nested(nested(c.mixed_instances_policy).launch_template).launch_template_specification)
          .version,
      ],
    ] as const;
    return verdict(
      versions
        .filter(([, version]) => version === "$Latest")
        .map(([where]) => `${where}.version is "$Latest": instance_refresh never starts`),
    );
  },
};
