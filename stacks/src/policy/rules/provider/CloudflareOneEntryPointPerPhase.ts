import { Compliance, type PolicyRule } from "../../types.ts";
import { verdict } from "../util.ts";

/**
 * At most one zone-level entry-point ruleset per phase per zone: a second `cloudflare_ruleset` with the same
 * `zone_id` and `phase` replaces (or fights) the first on every apply. Environments sharing a zone put their rules,
 * scoped by host, into the one ruleset of the zone's owner. Source: developers.cloudflare.com/ruleset-engine/about/
 * rulesets/ ("Entry point ruleset": one per phase at the account or zone level). Judged once per stack.
 */
export const CloudflareOneEntryPointPerPhase: PolicyRule = {
  name: "CloudflareOneEntryPointPerPhase",
  check(block, stack) {
    if (block.kind !== "stack") return Compliance.NOT_APPLICABLE;
    const rulesets = stack.resourcesOfType("cloudflare_ruleset").filter((r) => r.config.kind === "zone");
    if (rulesets.length === 0) return Compliance.NOT_APPLICABLE;
    const byKey = new Map<string, string[]>();
    for (const r of rulesets) {
      const key = `${JSON.stringify(r.config.zone_id ?? null)} ${String(r.config.phase)}`;
      byKey.set(key, [...(byKey.get(key) ?? []), r.address]);
    }
    return verdict(
      [...byKey].filter(([, addresses]) => addresses.length > 1).map(([key, a]) => `${key}: ${a.join(", ")}`),
    );
  },
};
