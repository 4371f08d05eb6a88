import type { Platform, RouteClass } from "@edge/platform";
import { lookup } from "../app/lookup.ts";
import { Construct } from "../providers/cdktf.ts";
import { Ruleset, type RulesetRules } from "../providers/cloudflare.ts";
import { bypassExpression, exclusiveClassExpressions } from "./expressions.ts";

export interface CacheRulesProps {
  /** Zone the ruleset belongs to. */
  readonly zoneId: string;
  /** Route classes (keyed by name), cache key settings. */
  readonly platform: Platform;
}

/** Cloudflare's limit on one rule expression. */
const MAX_EXPRESSION_LENGTH = 4096;

/** The cache settings of one class when the request may use the shared cache. */
function cacheSettings(rc: RouteClass, p: Platform): RulesetRules["actionParameters"] {
  const c = rc.cache;
  if (c.mode === "bypass") return { cache: false };
  return {
    cache: true,
    edgeTtl: c.respectOriginCacheControl
      ? { mode: "respect_origin" }
      : { mode: "override_origin", default: c.edgeTtlSeconds },
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
      customKey: {
        queryString: { exclude: { list: [...p.cacheKey.ignoredQueryParams] } },
        ...(c.varyOnAccept ? { header: { include: ["accept"] } } : {}),
      },
    },
  };
}

/**
 * Cache rules (`http_request_cache_settings`): one rule per route class, mutually exclusive by the shared
 * precedence, plus a bypass rule per class for requests carrying credentials or session cookies.
 */
export class CacheRules extends Construct {
  readonly ruleset: Ruleset;

  constructor(scope: Construct, id: string, props: CacheRulesProps) {
    super(scope, id);
    const p = props.platform;
    const rules: RulesetRules[] = [];
    for (const [name, expression] of exclusiveClassExpressions(p.routeClasses)) {
      const rc = lookup(p.routeClasses, name, "route class");
      const bypass = rc.cache.mode === "cache" ? bypassExpression(rc.cache) : undefined;
      rules.push({
        ref: `cache_${name}`,
        description: `${name}: ${rc.description}`,
        expression: bypass ? `(${expression}) and not (${bypass})` : expression,
        action: "set_cache_settings",
        actionParameters: cacheSettings(rc, p),
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
    for (const rule of rules) {
      if (rule.expression.length > MAX_EXPRESSION_LENGTH) {
        throw new RangeError(
          `cache rule ${rule.ref}: the expression is ${rule.expression.length} characters; Cloudflare allows 1 to ${MAX_EXPRESSION_LENGTH} — merge matchers or use fewer route classes`,
        );
      }
    }
    this.ruleset = new Ruleset(this, "ruleset", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_request_cache_settings",
      name: `${p.name}-${p.environment} cache rules`,
      description: "Rendered from the platform model's route classes; one tool (terraform) owns this phase.",
      rules,
    });
  }
}
