import { Compliance, type PolicyRule } from "../../types.ts";
import { nonCompliant } from "../util.ts";

/** Settings a stack must declare for every zone whose settings it manages. */
export const REQUIRED_ZONE_SETTINGS = ["min_tls_version", "always_use_https", "ssl", "tls_1_3"] as const;

/**
 * A stack that manages a zone's settings declares all TLS settings for that zone, so none is left to
 * whatever the dashboard says. Judged once per stack.
 */
export const CloudflareZoneTlsSettingsDeclared: PolicyRule = {
  name: "CloudflareZoneTlsSettingsDeclared",
  check(block, stack) {
    if (block.kind !== "stack") return Compliance.NOT_APPLICABLE;
    const settings = stack.resourcesOfType("cloudflare_zone_setting");
    if (settings.length === 0) return Compliance.NOT_APPLICABLE;
    const byZone = new Map<string, Set<unknown>>();
    for (const setting of settings) {
      const zone = JSON.stringify(setting.config.zone_id ?? null);
      const ids = byZone.get(zone) ?? new Set();
      ids.add(setting.config.setting_id);
      byZone.set(zone, ids);
    }
    const missing = [...byZone].flatMap(([zone, ids]) =>
      REQUIRED_ZONE_SETTINGS.filter((id) => !ids.has(id)).map((id) => `${id} for zone ${zone}`),
    );
    return missing.length === 0 ? Compliance.COMPLIANT : nonCompliant(`missing ${missing.join(", ")}`);
  },
};
