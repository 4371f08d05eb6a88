import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, nonCompliant, zoneSetting, zoneSettingValue } from "../util.ts";

const ALLOWED = ["1.2", "1.3"];

/** The zone's minimum TLS version is 1.2 or higher. */
export const CloudflareMinTls: PolicyRule = {
  name: "CloudflareMinTls",
  check(block) {
    const setting = zoneSetting(block, "min_tls_version");
    if (!setting) return Compliance.NOT_APPLICABLE;
    const value = zoneSettingValue(setting);
    if (isExpression(value) || ALLOWED.includes(String(value))) return Compliance.COMPLIANT;
    return nonCompliant(`min_tls_version is ${String(value)}`);
  },
};
