import { Compliance, type PolicyRule } from "../../types.ts";
import { isApplicationLoadBalancer, nonCompliant } from "../util.ts";

/** ALBs keep desync mitigation at `defensive` (the default) or `strictest`, never `monitor`. */
export const ALBDesyncMitigationMode: PolicyRule = {
  name: "ALBDesyncMitigationMode",
  checkov: "CKV_AWS_328",
  check(block) {
    if (!isApplicationLoadBalancer(block)) return Compliance.NOT_APPLICABLE;
    const mode = block.config.desync_mitigation_mode;
    return mode === "monitor" ? nonCompliant("desync_mitigation_mode is monitor") : Compliance.COMPLIANT;
  },
};
