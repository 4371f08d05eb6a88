import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isExpression, isResource, isTrue, nested, nonCompliant } from "../util.ts";

const encrypted = (value: unknown) => isTrue(value) || isExpression(value);

/**
 * Every volume is declared encrypted: launch templates list `block_device_mappings` with
 * `ebs.encrypted`, launch configurations set it on root and EBS block devices.
 */
export const LaunchTemplateEbsEncrypted: PolicyRule = {
  name: "LaunchTemplateEbsEncrypted",
  checkov: "CKV_AWS_8",
  check(block) {
    if (block.kind !== "resource") return Compliance.NOT_APPLICABLE;
    if (block.type === "aws_launch_template") {
      const mappings = asList(block.config.block_device_mappings);
      if (mappings.length === 0)
        return nonCompliant("no block_device_mappings: volumes follow the AMI's defaults");
      const plain = mappings.filter(
        (m) => !encrypted(nested(m.ebs).encrypted) && m.virtual_name === undefined,
      );
      return plain.length === 0
        ? Compliance.COMPLIANT
        : nonCompliant(`unencrypted: ${plain.map((m) => String(m.device_name)).join(", ")}`);
    }
    if (isResource(block, "aws_launch_configuration", "aws_instance")) {
      const devices = [...asList(block.config.root_block_device), ...asList(block.config.ebs_block_device)];
      if (devices.length === 0) return nonCompliant("no root_block_device with encrypted = true");
      return devices.every((d) => encrypted(d.encrypted)) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
    }
    return Compliance.NOT_APPLICABLE;
  },
};
