/**
 * What each Cloudflare plan accepts, as plain data (no zod): the model validates against it, the stacks render
 * from it and the policy pack checks synthesized JSON with it. Every number cites the page it was read from
 * (read 2026-11-29; provider v5.14.0). Change a number only with a new source.
 */

export const CLOUDFLARE_PLANS = ["free", "pro", "business", "enterprise"] as const;
export type CloudflarePlan = (typeof CLOUDFLARE_PLANS)[number];

/** True when `plan` is `minimum` or a higher plan. */
export const planAtLeast = (plan: CloudflarePlan, minimum: CloudflarePlan): boolean =>
  CLOUDFLARE_PLANS.indexOf(plan) >= CLOUDFLARE_PLANS.indexOf(minimum);

/** A feature that only some plans have, and the lowest plan that has it. */
export interface PlanGate {
  readonly lowestPlan: CloudflarePlan;
  /** What the feature is, for messages ("the matches (regex) operator"). */
  readonly what: string;
  /** Where the gate is documented. */
  readonly source: string;
}

export const PLAN_GATES = {
  /** `custom_key.query_string` include/exclude lists, `header`, `cookie`, `host`, `user` in cache keys. */
  customCacheKey: {
    lowestPlan: "enterprise",
    what: "custom cache keys (query-string lists, headers, cookies, host, user features)",
    source:
      "developers.cloudflare.com/cache/how-to/cache-keys/ (Availability: Free–Business get cache deception armor, device type, ignore and sort query string)",
  },
  /** The `matches` (regex) operator in rule expressions. */
  regexOperator: {
    lowestPlan: "business",
    what: "the matches (regex) operator",
    source:
      "developers.cloudflare.com/ruleset-engine/rules-language/operators/ (matches: Business or Enterprise)",
  },
  /** Editing the `http2` zone setting (read-only, always on, on Free). */
  http2Setting: {
    lowestPlan: "pro",
    what: "changing the http2 zone setting",
    source:
      "Cloudflare zone settings API (`editable: false` for http2 on Free); provider internal/services/zone_setting/schema.go exposes `editable`, and the v5 resource only PATCHes",
  },
  /** The Cloudflare Managed Ruleset (`efb7b8c949ac4650a09736fc376e9aee`). */
  cloudflareManagedRuleset: {
    lowestPlan: "pro",
    what: "the Cloudflare Managed Ruleset",
    source: "developers.cloudflare.com/waf/managed-rules/ (Free zones get the Free Managed Ruleset only)",
  },
  /** The Cloudflare OWASP Core Ruleset (`4814384a9e5d4991b9815dcfc25d2f1f`). */
  owaspCoreRuleset: {
    lowestPlan: "pro",
    what: "the Cloudflare OWASP Core Ruleset",
    source: "developers.cloudflare.com/waf/managed-rules/ (Pro and above)",
  },
} as const satisfies Record<string, PlanGate>;
export type PlanFeature = keyof typeof PLAN_GATES;

/** Numeric limits per plan. */
export interface PlanLimits {
  /** Shortest edge TTL a cache rule (or page rule) may set, seconds. */
  readonly minEdgeTtlSeconds: number;
  /** Longest rate-limit counting period, seconds. */
  readonly maxRateLimitPeriodSeconds: number;
  /** Longest rate-limit mitigation timeout, seconds. */
  readonly maxMitigationTimeoutSeconds: number;
  /** Rate-limiting rules per zone. */
  readonly rateLimitRules: number;
  /** Whether `http.host` may appear in a rate-limiting rule expression (Free: path only). */
  readonly rateLimitHostField: boolean;
  /** Cache rules per zone. */
  readonly cacheRules: number;
}

/**
 * Sources: edge TTL — developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/ (Free 2 h, Pro 1 h, Business and
 * Enterprise 1 s); rate limiting — developers.cloudflare.com/waf/rate-limiting-rules/#availability (periods 10 s /
 * 60 s / 10 min / 1 h, timeouts 10 s / 1 h / 1 day / 1 day, rules 1 / 2 / 5 / 100, Free expressions: Path only);
 * cache rules — developers.cloudflare.com/cache/how-to/cache-rules/ (10 / 25 / 50 / 300 rules).
 */
export const PLAN_LIMITS: Readonly<Record<CloudflarePlan, PlanLimits>> = {
  free: {
    minEdgeTtlSeconds: 7200,
    maxRateLimitPeriodSeconds: 10,
    maxMitigationTimeoutSeconds: 10,
    rateLimitRules: 1,
    rateLimitHostField: false,
    cacheRules: 10,
  },
  pro: {
    minEdgeTtlSeconds: 3600,
    maxRateLimitPeriodSeconds: 60,
    maxMitigationTimeoutSeconds: 3600,
    rateLimitRules: 2,
    rateLimitHostField: true,
    cacheRules: 25,
  },
  business: {
    minEdgeTtlSeconds: 1,
    maxRateLimitPeriodSeconds: 600,
    maxMitigationTimeoutSeconds: 86_400,
    rateLimitRules: 5,
    rateLimitHostField: true,
    cacheRules: 50,
  },
  enterprise: {
    minEdgeTtlSeconds: 1,
    maxRateLimitPeriodSeconds: 3600,
    maxMitigationTimeoutSeconds: 86_400,
    rateLimitRules: 100,
    rateLimitHostField: true,
    cacheRules: 300,
  },
};

/**
 * Rate-limit periods the provider accepts: `int64validator.OneOf(10, 60, 600, 3600)` on `ratelimit.period` in
 * terraform-provider-cloudflare internal/services/ruleset/schema.go ("Available values: 10, 60, 600, 3600").
 */
export const RATE_LIMIT_PERIODS = [10, 60, 600, 3600] as const;

/** Whether `plan` has `feature`. */
export const planHas = (plan: CloudflarePlan, feature: PlanFeature): boolean =>
  planAtLeast(plan, PLAN_GATES[feature].lowestPlan);

/** The Cloudflare-managed WAF rulesets the model can ask for, with their fixed ids and plan gates. */
export const MANAGED_RULESETS = {
  "cloudflare-managed": {
    id: "efb7b8c949ac4650a09736fc376e9aee",
    name: "Cloudflare Managed Ruleset",
    gate: "cloudflareManagedRuleset",
  },
  "owasp-core": {
    id: "4814384a9e5d4991b9815dcfc25d2f1f",
    name: "Cloudflare OWASP Core Ruleset",
    gate: "owaspCoreRuleset",
  },
} as const satisfies Record<string, { id: string; name: string; gate: PlanFeature }>;
export type ManagedRulesetName = keyof typeof MANAGED_RULESETS;
export const MANAGED_RULESET_NAMES = Object.keys(MANAGED_RULESETS) as ManagedRulesetName[];

/**
 * Request headers a cache key may not include (developers.cloudflare.com/cache/how-to/cache-keys/, "Headers"):
 * high-cardinality headers, headers that re-implement cache or proxy features, headers covered by other cache-key
 * features, and every `cf-` header.
 */
export const CACHE_KEY_REFUSED_HEADERS = [
  "accept",
  "accept-charset",
  "accept-encoding",
  "accept-datetime",
  "accept-language",
  "referer",
  "user-agent",
  "connection",
  "content-length",
  "cache-control",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-unmodified-since",
  "range",
  "upgrade",
  "cookie",
  "host",
  "origin",
] as const;

/** True when Cloudflare refuses `header` in `cache_key.custom_key.header.include`. */
export const cacheKeyHeaderRefused = (header: string): boolean => {
  const name = header.toLowerCase();
  return name.startsWith("cf-") || (CACHE_KEY_REFUSED_HEADERS as readonly string[]).includes(name);
};
