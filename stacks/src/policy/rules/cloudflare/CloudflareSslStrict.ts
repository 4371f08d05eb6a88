import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, nonCompliant, zoneSetting, zoneSettingValue } from "../util.ts";

/** Cloudflare validates the origin certificate (`ssl = strict`); `full` accepts any certificate. */
export const CloudflareSslStrict: PolicyRule = {
  name: "CloudflareSslStrict",
  check(block) {
    const setting = zoneSetting(block, "ssl");
    if (!setting) return Compliance.NOT_APPLICABLE;
    const value = zoneSettingValue(setting);
    return value === "strict" || isExpression(value)
      ? Compliance.COMPLIANT
      : nonCompliant(`ssl is ${String(value)}`);
  },
};
