import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, nonCompliant, zoneSetting, zoneSettingValue } from "../util.ts";

/** TLS 1.3 is enabled at the edge (`on`, or `zrt` with 0-RTT). */
export const CloudflareTls13: PolicyRule = {
  name: "CloudflareTls13",
  check(block) {
    const setting = zoneSetting(block, "tls_1_3");
    if (!setting) return Compliance.NOT_APPLICABLE;
    const value = zoneSettingValue(setting);
    if (value === "on" || value === "zrt" || isExpression(value)) return Compliance.COMPLIANT;
    return nonCompliant(`tls_1_3 is ${String(value)}`);
  },
};
