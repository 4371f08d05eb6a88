import { type CloudflarePlan, PLAN_LIMITS, type Platform, planHas, type RouteClass } from "@edge/platform";
import { lookup } from "../app/lookup.ts";
import { Construct } from "../providers/cdktf.ts";
import { Ruleset, type RulesetRules } from "../providers/cloudflare.ts";
import { bypassExpression, exclusiveClassExpressions } from "./expressions.ts";
import { type EnvironmentRule, zoneRules } from "./scoped-rules.ts";
import type { CloudflareZone } from "./zone-layout.ts";

export interface CacheRulesProps {
  /** Zone the ruleset belongs to. */
  readonly zoneId: string;
  /** The zone: its plan and every environment whose rules this one entry-point ruleset holds. */
  readonly zone: CloudflareZone;
}

/** Cloudflare's limit on one rule expression. */
const MAX_EXPRESSION_LENGTH = 4096;

type CacheSettings = NonNullable<RulesetRules["actionParameters"]>;

/**
 * Edge TTL of a cached class. The model's number when the plan's minimum edge TTL allows it (Business and
 * Enterprise: 1 s; Pro 1 h; Free 2 h). Otherwise `bypass_by_default`: the origin's Cache-Control decides and a
 * response without one is not stored — never `respect_origin`, whose fallback for a 200 without Cache-Control is
 * Cloudflare's default of 120 minutes (developers.cloudflare.com/cache/how-to/configure-cache-status-code/), far
 * past a 5-minute class. The worker's own cache holds the class for `edgeTtlSeconds` either way.
 */
export function edgeTtlFor(c: RouteClass["cache"], plan: CloudflarePlan): CacheSettings["edgeTtl"] {
  return c.edgeTtlSeconds >= PLAN_LIMITS[plan].minEdgeTtlSeconds
    ? { mode: "override_origin", default: c.edgeTtlSeconds }
    : { mode: "bypass_by_default" };
}

/**
 * The cache settings of one class when the request may use the shared cache. The cache key never includes a
 * request header: Cloudflare refuses `accept` (and other high-cardinality headers) in cache keys, and header keys
 * are Enterprise-only. Image formats stay apart because Cloudflare's cache only ever holds the origin's one
 * representation (the worker fetches the original); the worker's variant cache keys AVIF, WebP and the original
 * by the negotiated format (README, "Image formats").
 */
function cacheSettings(rc: RouteClass, p: Platform, plan: CloudflarePlan): CacheSettings {
  const c = rc.cache;
  if (c.mode === "bypass") return { cache: false };
  return {
    cache: true,
    edgeTtl: edgeTtlFor(c, plan),
    browserTtl: c.respectOriginCacheControl
      ? { mode: "respect_origin" }
      : c.browserTtlSeconds > 0
        ? { mode: "override_origin", default: c.browserTtlSeconds }
        : { mode: "bypass" },
    // Serve stale while updating only when the class allows it.
    serveStale: { disableStaleWhileUpdating: c.staleWhileRevalidateSeconds === 0 },
    cacheKey: {
      cacheDeceptionArmor: true,
      ignoreQueryStringsOrder: p.cacheKey.sortQuery,
      // Query-string exclude lists are Enterprise-only; elsewhere the worker's normalized key drops them.
      ...(planHas(plan, "customCacheKey")
        ? { customKey: { queryString: { exclude: { list: [...p.cacheKey.ignoredQueryParams] } } } }
        : {}),
    },
  };
}

/** One environment's cache rules (scoped to hosts by `zoneRules`). */
function environmentRules(zone: CloudflareZone, p: Platform): EnvironmentRule[] {
  const rules: EnvironmentRule[] = [];
  const regex = planHas(zone.plan, "regexOperator");
  for (const [name, expression] of exclusiveClassExpressions(p.routeClasses, { regex })) {
    const rc = lookup(p.routeClasses, name, "route class");
    const bypass = rc.cache.mode === "cache" ? bypassExpression(rc.cache) : undefined;
    rules.push({
      ref: `cache_${name}`,
      description: `${name}: ${rc.description}`,
      expression: bypass ? `(${expression}) and not (${bypass})` : expression,
      action: "set_cache_settings",
      actionParameters: cacheSettings(rc, p, zone.plan),
    });
    if (bypass) {
      rules.push({
        ref: `cache_${name}_bypass`,
        description: `${name}: credentials or a session cookie — never shared-cached`,
        expression: `(${expression}) and (${bypass})`,
        action: "set_cache_settings",
        actionParameters: { cache: false },
      });
    }
  }
  return rules;
}

/**
 * The zone's one cache-rules entry point (`http_request_cache_settings`): per environment of the zone, one rule per
 * route class scoped to the environment's hosts, mutually exclusive by the shared precedence, plus a bypass rule
 * per class for requests carrying credentials or session cookies.
 */
export class CacheRules extends Construct {
  readonly ruleset: Ruleset;

  constructor(scope: Construct, id: string, props: CacheRulesProps) {
    super(scope, id);
    const { zone } = props;
    const rules = zoneRules(zone, (p) => environmentRules(zone, p));
    for (const rule of rules) {
      if (rule.expression.length > MAX_EXPRESSION_LENGTH) {
        throw new RangeError(
          `cache rule ${rule.ref}: the expression is ${rule.expression.length} characters; Cloudflare allows 1 to ${MAX_EXPRESSION_LENGTH} — merge matchers or use fewer route classes`,
        );
      }
    }
    const limit = PLAN_LIMITS[zone.plan].cacheRules;
    if (rules.length > limit) {
      throw new RangeError(
        `zone ${zone.name}: ${rules.length} cache rules for ${zone.members.map((p) => p.environment).join(", ")}; the ${zone.plan} plan allows 1 to ${limit} — use fewer route classes or bypass rules, separate zones, or a higher plan`,
      );
    }
    this.ruleset = new Ruleset(this, "ruleset", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_request_cache_settings",
      name: `${zone.owner.name} ${zone.name} cache rules`,
      description: "Rendered from the platform model's route classes; one tool (terraform) owns this phase.",
      rules,
    });
  }
}
