import type { CloudflarePlan, Platform } from "@edge/platform";

/**
 * One Cloudflare zone and the environments that live in it. A zone has one entry-point ruleset per phase and one
 * value per zone setting, so exactly one environment (`cloudflare.ownsZone`) renders them, for every member.
 */
export interface CloudflareZone {
  readonly name: string;
  readonly plan: CloudflarePlan;
  /** The environment whose cloudflare-edge stack owns settings and rulesets. */
  readonly owner: Platform;
  /** Every environment in the zone, the owner first. */
  readonly members: readonly Platform[];
}

/** Zone-wide values: one per zone, so every member must agree (field path → value). */
const zoneWideValues = (p: Platform): Record<string, unknown> => ({
  "cloudflare.plan": p.cloudflare.plan,
  "zone.minTlsVersion": p.zone.minTlsVersion,
  "zone.tls13": p.zone.tls13,
  "zone.http3": p.zone.http3,
  "zone.alwaysUseHttps": p.zone.alwaysUseHttps,
  "zone.sslMode": p.zone.sslMode,
  "zone.earlyHints": p.zone.earlyHints,
  "compression.algorithms includes br": p.compression.algorithms.includes("br"),
});

const inZone = (host: string, zone: string) => host === zone || host.endsWith(`.${zone}`);

/** The host names an environment serves (worker routes, rule scopes). */
export const hostsOf = (p: Platform): string[] => [p.zone.domain, p.zone.cdnHost];

/**
 * Groups resolved environments by `cloudflare.zoneName` and checks the layout: hosts inside their zone, exactly
 * one owner per zone, zone-wide values equal across members. Throws one error listing every problem.
 */
export function cloudflareZones(platforms: readonly Platform[]): CloudflareZone[] {
  const problems: string[] = [];
  const byZone = new Map<string, Platform[]>();
  for (const p of platforms) {
    byZone.set(p.cloudflare.zoneName, [...(byZone.get(p.cloudflare.zoneName) ?? []), p]);
    for (const host of hostsOf(p)) {
      if (!inZone(host, p.cloudflare.zoneName)) {
        problems.push(
          `${p.environment}: host ${host} is not inside cloudflare.zoneName ${p.cloudflare.zoneName} — set zoneName to the zone that holds it`,
        );
      }
    }
  }
  const zones: CloudflareZone[] = [];
  for (const [name, members] of byZone) {
    const owners = members.filter((p) => p.cloudflare.ownsZone);
    if (owners.length !== 1) {
      problems.push(
        `zone ${name}: cloudflare.ownsZone must be true for exactly one of ${members.map((p) => p.environment).join(", ")} (now: ${owners.map((p) => p.environment).join(", ") || "none"})`,
      );
      continue;
    }
    const owner = owners[0] as Platform;
    const expected = zoneWideValues(owner);
    for (const p of members) {
      for (const [field, value] of Object.entries(zoneWideValues(p))) {
        if (value !== expected[field]) {
          problems.push(
            `zone ${name}: ${p.environment} has ${field} = ${JSON.stringify(value)} but the zone's owner ${owner.environment} has ${JSON.stringify(expected[field])}; zone-wide values must agree`,
          );
        }
      }
    }
    zones.push({
      name,
      plan: owner.cloudflare.plan,
      owner,
      members: [owner, ...members.filter((p) => p.environment !== owner.environment)],
    });
  }
  if (problems.length > 0) throw new Error(`Cloudflare zone layout:\n  - ${problems.join("\n  - ")}`);
  return zones;
}

/** The zone an environment belongs to. */
export function zoneOf(zones: readonly CloudflareZone[], p: Platform): CloudflareZone {
  const found = zones.find((z) => z.members.some((m) => m.environment === p.environment));
  if (!found) throw new Error(`environment ${p.environment} is in no Cloudflare zone`);
  return found;
}
