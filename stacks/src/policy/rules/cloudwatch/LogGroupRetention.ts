import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, nonCompliant } from "../util.ts";

/** Log groups set a retention (the default, 0, keeps logs forever and bills for them forever). */
export const LogGroupRetention: PolicyRule = {
  name: "LogGroupRetention",
  checkov: "CKV_AWS_66",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_log_group")) return Compliance.NOT_APPLICABLE;
    const days = block.config.retention_in_days;
    if (isExpression(days) || Number(days) > 0) return Compliance.COMPLIANT;
    return nonCompliant(`retention_in_days is ${String(days ?? "unset (never expire)")}`);
  },
};
