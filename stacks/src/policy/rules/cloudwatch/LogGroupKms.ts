import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource } from "../util.ts";

/** Log groups are encrypted with a customer managed KMS key. */
export const LogGroupKms: PolicyRule = {
  name: "LogGroupKms",
  checkov: "CKV_AWS_158",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_log_group")) return Compliance.NOT_APPLICABLE;
    const key = block.config.kms_key_id;
    return typeof key === "string" && key !== "" ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
