import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, nonCompliant, zoneSetting, zoneSettingValue } from "../util.ts";

/** The zone redirects every plain-HTTP request to HTTPS. */
export const CloudflareAlwaysUseHttps: PolicyRule = {
  name: "CloudflareAlwaysUseHttps",
  check(block) {
    const setting = zoneSetting(block, "always_use_https");
    if (!setting) return Compliance.NOT_APPLICABLE;
    const value = zoneSettingValue(setting);
    return value === "on" || isExpression(value)
      ? Compliance.COMPLIANT
      : nonCompliant(`always_use_https is ${String(value)}`);
  },
};
