// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
/**
 * Provider reality: the default model synthesized under every Cloudflare plan passes the policy pack (synthStacks
 * runs it; an error finding throws), and each plan gets only what it accepts. Zone layouts: staging inside the
 * production zone (default) and one zone per environment.
 */
import { CLOUDFLARE_PLANS, type CloudflarePlan, PLAN_LIMITS, resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { CloudflareEdgeStack } from "../src/cloudflare/cloudflare-edge-stack.ts";
import { cloudflareZones } from "../src/cloudflare/zone-layout.ts";
import { Testing } from "../src/providers/cdktf.ts";
import { inScratchStack, resourceList, type StackJson, synthStacks } from "./synth.ts";

type Any = Record<string, any>;
const rulesets = (json: StackJson) => resourceList(json, "cloudflare_ruleset") as Any[];
const phaseOrNone = (json: StackJson, name: string) =>
  rulesets(json).find((r) => r.phase === name) as Any | undefined;
const phase = (json: StackJson, name: string): Any => {
  const found = phaseOrNone(json, name);
  if (!found) throw new Error(`no ${name} ruleset`);
  return found;
};
const ruleOf = (json: StackJson, phaseName: string, ref: string) =>
  (phase(json, phaseName).rules as Any[]).find((r) => r.ref === ref) as Any;

const byPlan = {} as Record<CloudflarePlan, Record<string, StackJson>>;
beforeAll(() => {
  for (const plan of CLOUDFLARE_PLANS) {
    byPlan[plan] = synthStacks({ layers: ["cloudflare-edge"], overrides: { cloudflare: { plan } } });
  }
});
const prodOf = (plan: CloudflarePlan) => byPlan[plan]["production-cloudflare-edge"] as StackJson;

describe.each(CLOUDFLARE_PLANS)("the default model on the %s plan", (plan) => {
  it("synthesizes with no error finding and declares that plan on the zone lookup", () => {
    const zone = (prodOf(plan).data as Any).cloudflare_zone.zone;
    expect(zone.filter.name).toBe("example.com");
    expect(zone.lifecycle.postcondition[0].condition).toBe(`\${self.plan.legacy_id == "${plan}"}`);
  });

  it("never puts a request header in a cache key (accept is refused; header keys are Enterprise-only)", () => {
    for (const r of phase(prodOf(plan), "http_request_cache_settings").rules as Any[]) {
      expect(r.action_parameters?.cache_key?.custom_key?.header, r.ref).toBeUndefined();
    }
  });

  it("never falls back to respect_origin's 120-minute default for a class without a long TTL", () => {
    const api = ruleOf(prodOf(plan), "http_request_cache_settings", "cache_api").action_parameters;
    expect(api.edge_ttl.mode).not.toBe("respect_origin");
    // The exact behaviour for an origin that sends no Cache-Control: stored for the model's 300 s where the plan's
    // minimum edge TTL allows it, else not stored at all (bypass_by_default); the worker's cache keeps 300 s.
    expect(api.edge_ttl).toEqual(
      PLAN_LIMITS[plan].minEdgeTtlSeconds <= 300
        ? { mode: "override_origin", default: 300 }
        : { mode: "bypass_by_default" },
    );
  });

  it("keeps the rate limit within the plan: period, timeout, rule count and expression fields", () => {
    const rate = phase(prodOf(plan), "http_ratelimit") as Any;
    expect(rate.rules.length).toBeLessThanOrEqual(PLAN_LIMITS[plan].rateLimitRules);
    const r = rate.rules[0].ratelimit;
    expect(r.period).toBeLessThanOrEqual(PLAN_LIMITS[plan].maxRateLimitPeriodSeconds);
    expect(r.mitigation_timeout).toBeLessThanOrEqual(PLAN_LIMITS[plan].maxMitigationTimeoutSeconds);
    expect(r.requests_per_period).toBe(Math.ceil((5000 * r.period) / 60));
    expect(rate.rules[0].expression.includes("http.host")).toBe(PLAN_LIMITS[plan].rateLimitHostField);
  });

  it("uses the matches operator only on Business and Enterprise", () => {
    const text = JSON.stringify(rulesets(prodOf(plan)));
    expect(text.includes(" matches ")).toBe(plan === "business" || plan === "enterprise");
  });

  it("declares http2 only where it can be changed, and stays within the plan's cache-rule count", () => {
    const settings = resourceList(prodOf(plan), "cloudflare_zone_setting").map((s) => s.setting_id);
    expect(settings.includes("http2")).toBe(plan !== "free");
    expect(phase(prodOf(plan), "http_request_cache_settings").rules.length).toBeLessThanOrEqual(
      PLAN_LIMITS[plan].cacheRules,
    );
  });

  it("deploys the managed WAF rulesets the plan has", () => {
    const managed = phaseOrNone(prodOf(plan), "http_request_firewall_managed");
    if (plan === "free") {
      expect(managed).toBeUndefined();
      return;
    }
    expect(((managed as Any).rules as Any[]).map((r) => [r.action, r.action_parameters.id])).toEqual([
      ["execute", "efb7b8c949ac4650a09736fc376e9aee"],
      ["execute", "4814384a9e5d4991b9815dcfc25d2f1f"],
    ]);
  });
});

describe("plan fallbacks", () => {
  it("Enterprise alone gets the query-string exclude list; below it the worker's normalized key does that", () => {
    const key = (plan: CloudflarePlan) =>
      ruleOf(prodOf(plan), "http_request_cache_settings", "cache_static").action_parameters.cache_key;
    expect(key("enterprise").custom_key.query_string.exclude.list).toContain("utm_source");
    for (const plan of ["free", "pro", "business"] as const) expect(key(plan).custom_key).toBeUndefined();
    for (const plan of CLOUDFLARE_PLANS) expect(key(plan).cache_deception_armor).toBe(true);
  });

  it("without regex, fingerprinted files get no Cloudflare rule but still keep other classes off them", () => {
    const statics = ruleOf(prodOf("pro"), "http_request_cache_settings", "cache_static").expression;
    expect(statics).toContain('starts_with(http.request.uri.path, "/assets/")');
    expect(statics).not.toContain("matches");
    // As a guard of a later class, the fingerprint becomes its extension set (the safe over-approximation).
    const html = ruleOf(prodOf("pro"), "http_request_cache_settings", "cache_html").expression;
    expect(html).toContain('or (http.request.uri.path.extension in {"js" "mjs" "css" "woff2" "woff" "map"})');
  });

  it("Free: one zone-wide rate rule on the path only, 10 s period, 10 s block", () => {
    const rate = phase(prodOf("free"), "http_ratelimit") as Any;
    expect(rate.rules).toHaveLength(1);
    expect(rate.rules[0].expression).toBe('http.request.uri.path contains "/"');
    expect(rate.rules[0].ratelimit).toEqual({
      characteristics: ["cf.colo.id", "ip.src"],
      period: 10,
      requests_per_period: 834,
      mitigation_timeout: 10,
    });
  });
});

describe("zone layout: staging inside the production zone (default)", () => {
  const stacks = () => byPlan.business;

  it("renders exactly one entry-point ruleset per phase for the zone, in the owner's stack", () => {
    const all = Object.values(stacks()).flatMap(rulesets);
    const phases = all.map((r) => r.phase);
    expect(new Set(phases).size).toBe(phases.length);
    expect(rulesets(stacks()["staging-cloudflare-edge"] as StackJson)).toEqual([]);
  });

  it("scopes every rule to the hosts of the environments it serves", () => {
    for (const r of rulesets(prodOf("business")).flatMap((rs) => rs.rules as Any[])) {
      expect(r.expression, r.ref).toMatch(
        /^(\(?)http\.host in \{"example\.com" "cdn\.example\.com" "staging\./,
      );
    }
  });

  it("owns zone settings once; staging deploys only its own worker routes", () => {
    const staging = stacks()["staging-cloudflare-edge"] as StackJson;
    expect(Object.keys(staging.resource ?? {})).toEqual(["cloudflare_workers_route"]);
    expect(resourceList(prodOf("business"), "cloudflare_zone_setting").length).toBeGreaterThan(0);
    expect((staging.data as Any).cloudflare_zone.zone.filter.name).toBe("example.com");
  });

  it("keeps an environment's different values in rules of its own, prefixed with its name", () => {
    const staging = resolvePlatform("staging", {
      overrides: { routeClasses: { api: { cache: { edgeTtlSeconds: 120 } } } },
    });
    const production = resolvePlatform("production");
    const zone = cloudflareZones([production, staging])[0];
    inScratchStack((scope) => {
      const stack = new CloudflareEdgeStack(scope.node.scope as never, "shared", {
        platform: production,
        zone,
      });
      const json = JSON.parse(Testing.synth(stack)) as StackJson;
      const refs = (phase(json, "http_request_cache_settings").rules as Any[]).map((r) => r.ref);
      expect(refs).toContain("cache_api");
      expect(refs).toContain("staging_cache_api");
      expect(refs).toContain("cache_static"); // identical in both: one rule for both hosts
      expect(refs).not.toContain("staging_cache_static");
    });
  });
});

describe("zone layout: one zone per environment", () => {
  it("gives each environment its own zone, settings and rulesets", () => {
    const staging = resolvePlatform("staging", {
      overrides: { cloudflare: { zoneName: "staging.example.com", ownsZone: true } },
    });
    const production = resolvePlatform("production");
    const zones = cloudflareZones([production, staging]);
    expect(zones.map((z) => [z.name, z.owner.environment])).toEqual([
      ["example.com", "production"],
      ["staging.example.com", "staging"],
    ]);
    inScratchStack((scope) => {
      const stack = new CloudflareEdgeStack(scope.node.scope as never, "own-zone", {
        platform: staging,
        zone: zones[1],
      });
      const json = JSON.parse(Testing.synth(stack)) as StackJson;
      expect((json.data as Any).cloudflare_zone.zone.filter.name).toBe("staging.example.com");
      expect(
        rulesets(json)
          .map((r) => r.phase)
          .sort(),
      ).toEqual([
        "http_ratelimit",
        "http_request_cache_settings",
        "http_request_firewall_custom",
        "http_request_firewall_managed",
      ]);
      const cache = phase(json, "http_request_cache_settings") as Any;
      expect(cache.rules.every((r: Any) => r.expression.includes('"staging.example.com"'))).toBe(true);
      expect(cache.rules.some((r: Any) => r.expression.includes('"example.com"'))).toBe(false);
    });
  });

  it("refuses a zone with two owners, none, or members that disagree on zone-wide values", () => {
    const production = resolvePlatform("production");
    const staging = resolvePlatform("staging");
    const twoOwners = resolvePlatform("staging", { overrides: { cloudflare: { ownsZone: true } } });
    expect(() => cloudflareZones([production, twoOwners])).toThrow(
      /zone example\.com: cloudflare\.ownsZone must be true for exactly one of production, staging \(now: production, staging\)/,
    );
    expect(() => cloudflareZones([staging])).toThrow(/\(now: none\)/);
    const otherPlan = resolvePlatform("staging", { overrides: { cloudflare: { plan: "pro" } } });
    expect(() => cloudflareZones([production, otherPlan])).toThrow(
      /staging has cloudflare\.plan = "pro" but the zone's owner production has "business"/,
    );
    const outside = resolvePlatform("staging", { overrides: { cloudflare: { zoneName: "example.net" } } });
    expect(() => cloudflareZones([production, outside])).toThrow(
      /host staging\.example\.com is not inside cloudflare\.zoneName example\.net/,
    );
  });
});
