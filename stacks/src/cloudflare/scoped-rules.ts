import type { Platform } from "@edge/platform";
import type { RulesetRules } from "../providers/cloudflare.ts";
import { stringSet } from "./expressions.ts";
import { type CloudflareZone, hostsOf } from "./zone-layout.ts";

/** One environment's rule before it is scoped to hosts: `expression` says nothing about the host ("" = all). */
export interface EnvironmentRule {
  readonly ref: string;
  readonly description: string;
  readonly expression: string;
  readonly action: string;
  readonly actionParameters?: RulesetRules["actionParameters"];
  readonly ratelimit?: RulesetRules["ratelimit"];
}

export interface ZoneRulesOptions {
  /**
   * Whether the phase may test `http.host` (Free rate-limiting rules may test the path only). Without it every
   * environment's rules must merge into one zone-wide set, else the zone needs separate rules it cannot express.
   * @default true
   */
  readonly hostField?: boolean;
}

/**
 * The rules of every environment of a zone, for the zone's one entry-point ruleset of a phase. Each rule is scoped
 * to the hosts of the environments it serves; environments whose rule is identical (same ref, expression, action
 * and parameters — the usual case for staging and production) share one rule whose scope lists all their hosts, so
 * a shared zone needs no more rules than a zone of its own (plans cap rules per zone). A rule that serves the
 * zone's owner keeps its plain ref; others get their environments' names in front (`staging_cache_static`).
 */
export function zoneRules(
  zone: CloudflareZone,
  perEnvironment: (p: Platform) => readonly EnvironmentRule[],
  options: ZoneRulesOptions = {},
): RulesetRules[] {
  const groups = new Map<string, { rule: EnvironmentRule; members: Platform[] }>();
  for (const p of zone.members) {
    for (const rule of perEnvironment(p)) {
      const key = JSON.stringify([
        rule.ref,
        rule.expression,
        rule.action,
        rule.actionParameters,
        rule.ratelimit,
      ]);
      const group = groups.get(key) ?? { rule, members: [] };
      group.members.push(p);
      groups.set(key, group);
    }
  }
  const hostField = options.hostField ?? true;
  return [...groups.values()].map(({ rule, members }) => {
    const envs = members.map((p) => p.environment);
    const servesOwner = envs.includes(zone.owner.environment);
    if (!hostField && members.length !== zone.members.length) {
      throw new RangeError(
        `zone ${zone.name}: rule ${rule.ref} differs between ${zone.members.map((p) => p.environment).join(", ")}, but on the ${zone.plan} plan this phase cannot test the host — make the environments' values equal, use separate zones, or a higher plan`,
      );
    }
    const scope = `http.host in ${stringSet([...new Set(members.flatMap(hostsOf))])}`;
    const scoped = rule.expression === "" ? scope : `(${scope}) and (${rule.expression})`;
    return {
      ref: servesOwner ? rule.ref : `${envs.join("_")}_${rule.ref}`,
      description: `${envs.join(", ")} — ${rule.description}`,
      expression: hostField ? scoped : rule.expression || "true",
      action: rule.action,
      ...(rule.actionParameters ? { actionParameters: rule.actionParameters } : {}),
      ...(rule.ratelimit ? { ratelimit: rule.ratelimit } : {}),
    };
  });
}
