import { Compliance, type PolicyRule } from "../../types.ts";
import { isApplicationLoadBalancer, isTrue, nested, nonCompliant } from "../util.ts";

/** ALBs write access logs to a bucket (`access_logs { bucket, enabled = true }`). */
export const ALBAccessLogs: PolicyRule = {
  name: "ALBAccessLogs",
  checkov: "CKV_AWS_91",
  check(block) {
    if (!isApplicationLoadBalancer(block)) return Compliance.NOT_APPLICABLE;
    const logs = nested(block.config.access_logs);
    if (typeof logs.bucket !== "string" || logs.bucket === "")
      return nonCompliant("access_logs.bucket is unset");
    // The provider defaults `enabled` to true when the block is present; an explicit false turns it off.
    if (logs.enabled !== undefined && !isTrue(logs.enabled))
      return nonCompliant("access_logs.enabled is false");
    return Compliance.COMPLIANT;
  },
};
