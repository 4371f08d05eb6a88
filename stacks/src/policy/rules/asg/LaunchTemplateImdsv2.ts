import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nested, nonCompliant } from "../util.ts";

/** Instances require IMDSv2 session tokens (`metadata_options.http_tokens = "required"`) or disable IMDS. */
export const LaunchTemplateImdsv2: PolicyRule = {
  name: "LaunchTemplateImdsv2",
  checkov: "CKV_AWS_79",
  check(block) {
    if (!isResource(block, "aws_launch_template", "aws_launch_configuration", "aws_instance")) {
      return Compliance.NOT_APPLICABLE;
    }
    const metadata = nested(block.config.metadata_options);
    if (metadata.http_endpoint === "disabled" || metadata.http_tokens === "required")
      return Compliance.COMPLIANT;
    return nonCompliant(
      `metadata_options.http_tokens is ${String(metadata.http_tokens ?? "unset (optional)")}`,
    );
  },
};
