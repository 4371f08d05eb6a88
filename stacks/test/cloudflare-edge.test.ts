// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
import { ENVIRONMENT_NAMES, resolvePlatform } from "@edge/platform";
import { compileClassifier, matcherTest } from "@edge/platform/routing";
import { beforeAll, describe, expect, it } from "vitest";
import { integerAbove } from "../src/app/integer-regex.ts";
import { exclusiveClassMatchers, matcherExpression } from "../src/cloudflare/expressions.ts";
import { Testing } from "../src/providers/cdktf.ts";
import { resource, resourceList, resources, type StackJson, synthStacks } from "./synth.ts";

let stacks: Record<string, StackJson>;
let prod: StackJson;
const platform = resolvePlatform("production");

beforeAll(() => {
  stacks = synthStacks({ layers: ["cloudflare-edge"] });
  prod = stacks["production-cloudflare-edge"] as StackJson;
});

type Rule = {
  ref: string;
  expression: string;
  action: string;
  action_parameters?: Record<string, any>;
  ratelimit?: Record<string, unknown>;
};
const ruleset = (json: StackJson, phase: string) => {
  const found = resourceList(json, "cloudflare_ruleset").filter((r) => r.phase === phase);
  expect(found).toHaveLength(1);
  return found[0] as { kind: string; zone_id: string; rules: Rule[] };
};
const rule = (rules: Rule[], ref: string) => {
  const found = rules.find((r) => r.ref === ref);
  if (!found) throw new Error(`no rule ${ref}; have ${rules.map((r) => r.ref).join(", ")}`);
  return found;
};

describe("zone settings", () => {
  it("sets HTTPS, TLS, HTTP/2+3, strict SSL, brotli and early hints from the model", () => {
    const values = Object.fromEntries(
      resourceList(prod, "cloudflare_zone_setting").map((s) => [s.setting_id, s.value]),
    );
    expect(values).toEqual({
      always_use_https: "on",
      min_tls_version: "1.2",
      tls_1_3: "on",
      ssl: "strict",
      http2: "on",
      http3: "on",
      brotli: "on",
      early_hints: "on",
    });
    expect(
      resourceList(prod, "cloudflare_zone_setting").every(
        (s) => s.zone_id === "${data.cloudflare_zone.zone.id}",
      ),
    ).toBe(true);
  });
});

describe("cache rules (http_request_cache_settings)", () => {
  it("renders each matcher kind as its Cloudflare expression", () => {
    expect(matcherExpression({ prefix: "/assets/" })).toBe('starts_with(http.request.uri.path, "/assets/")');
    expect(matcherExpression({ exact: "/robots.txt" })).toBe('http.request.uri.path eq "/robots.txt"');
    expect(matcherExpression({ extensions: ["html", "htm"] })).toBe(
      'http.request.uri.path.extension in {"html" "htm"}',
    );
    expect(matcherExpression({ fingerprinted: ["js", "css"] })).toBe(
      'http.request.uri.path matches r"[.-][0-9a-f]{8,}\\.(js|css)$"',
    );
    expect(matcherExpression({ noExtension: true })).toBe('http.request.uri.path.extension eq ""');
  });

  it("makes the classes mutually exclusive: a path matches exactly the class the worker's classifier picks", () => {
    const guarded = exclusiveClassMatchers(platform.routeClasses);
    const classify = compileClassifier(platform.routeClasses);
    const paths = [
      "/",
      "/about",
      "/shop/shoes",
      "/index.html",
      "/a/b.htm",
      "/assets/app.js",
      "/assets/logo.png",
      "/images/hero.jpg",
      "/images/app.3f2a1b9c.css",
      "/api/users",
      "/api/app.1234abcd.js",
      "/api/v1/",
      "/ws/chat",
      "/socket.io/",
      "/socket.io/app.0123456789ab.js",
      "/main.3f2a1b9c.js",
      "/chunk-4e1d2c3b5a6f.css",
      "/font.deadbeef.woff2",
      "/robots.txt",
      "/favicon.ico",
      "/x/y.json",
    ];
    for (const path of paths) {
      const matching = [...guarded]
        .filter(([, list]) =>
          list.some(
            ({ matcher, unless }) => matcherTest(matcher)(path) && !unless.some((u) => matcherTest(u)(path)),
          ),
        )
        .map(([name]) => name);
      const expected = classify(path);
      expect({ path, matching }).toEqual({ path, matching: expected === "default" ? [] : [expected] });
    }
  });

  it("gives every route class a rule with the model's TTLs, stale policy and cache key", () => {
    const { rules, kind } = ruleset(prod, "http_request_cache_settings");
    expect(kind).toBe("zone");
    const statics = rule(rules, "cache_static").action_parameters as Record<string, any>;
    expect(statics.cache).toBe(true);
    expect(statics.edge_ttl).toEqual({
      mode: "override_origin",
      default: platform.routeClasses.static?.cache.edgeTtlSeconds,
    });
    expect(statics.edge_ttl.default).toBe(31_536_000);
    expect(statics.browser_ttl).toEqual({ mode: "override_origin", default: 31_536_000 });
    expect(statics.serve_stale).toEqual({ disable_stale_while_updating: true });
    expect(statics.cache_key.cache_deception_armor).toBe(true);
    expect(statics.cache_key.ignore_query_strings_order).toBe(true);
    // Query-string lists are Enterprise-only: on the default (Business) plan the worker's key drops them.
    expect(statics.cache_key.custom_key).toBeUndefined();

    // Finding 1: no request header (accept) in any cache key.
    const images = rule(rules, "cache_images").action_parameters as Record<string, any>;
    expect(images.cache_key.custom_key).toBeUndefined();

    // Finding 5: the 5-minute class gets the model's 300 s at Cloudflare, not respect_origin's 120-minute default.
    const api = rule(rules, "cache_api").action_parameters as Record<string, any>;
    expect(api.edge_ttl).toEqual({ mode: "override_origin", default: 300 });
    expect(api.serve_stale).toEqual({ disable_stale_while_updating: false });
    expect(rule(rules, "cache_websocket").action_parameters).toEqual({ cache: false });
  });

  it("bypasses the shared cache for credentials and session cookies, in a rule of its own", () => {
    const { rules } = ruleset(prod, "http_request_cache_settings");
    const api = rule(rules, "cache_api");
    const bypass = rule(rules, "cache_api_bypass");
    expect(bypass.action_parameters).toEqual({ cache: false });
    expect(bypass.expression).toContain('http.cookie contains "session="');
    expect(bypass.expression).toContain('"authorization"');
    expect(api.expression).toContain("and not ((any(lower(http.request.headers.names[*])[*]");
    // Static assets are public: no credential bypass.
    expect(rules.some((r) => r.ref === "cache_static_bypass")).toBe(false);
  });

  it("keeps expressions under Cloudflare's 4096-character limit", () => {
    for (const r of ruleset(prod, "http_request_cache_settings").rules)
      expect(r.expression.length).toBeLessThan(4096);
  });
});

describe("rate limiting and custom WAF rules", () => {
  it("limits each IP to the model's requests per minute, blocking for the mitigation time", () => {
    const { rules } = ruleset(prod, "http_ratelimit");
    const r = rule(rules, "per_ip_rate");
    expect(r.action).toBe("block");
    expect(r.ratelimit).toEqual({
      characteristics: ["cf.colo.id", "ip.src"],
      period: 60,
      requests_per_period: 5000,
      mitigation_timeout: 600,
    });
  });

  it("blocks the IP block list, oversized bodies and unknown methods", () => {
    const { rules } = ruleset(prod, "http_request_firewall_custom");
    // The zone's rules cover the hosts of every environment inside the zone (whatever environments the model has).
    const hosts = /^\(http\.host in \{[^}]*\}\)/.exec(rule(rules, "block_ip_list").expression)?.[0] ?? "";
    const inZone = ENVIRONMENT_NAMES.map((env) => resolvePlatform(env))
      .filter((p) => p.zone.domain.endsWith(platform.zone.domain))
      .flatMap((p) => [p.zone.domain, p.zone.cdnHost]);
    expect([...hosts.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(inZone.sort());
    expect(rule(rules, "block_ip_list").expression).toBe(
      `${hosts} and (ip.src in {192.0.2.0/24 198.51.100.0/24})`,
    );
    expect(rule(rules, "block_large_body").expression).toBe(
      `${hosts} and (any(http.request.headers["content-length"][*] matches r"${integerAbove(10_485_760)}"))`,
    );
    expect(rule(rules, "block_unknown_methods").expression).toContain(
      'not http.request.method in {"GET" "HEAD"',
    );
    expect(rules.every((r) => r.action === "block")).toBe(true);
  });
});

describe("worker routes and the wrangler/terraform split", () => {
  it("routes the site and the CDN host to the worker script named in the model", () => {
    const routes = resourceList(prod, "cloudflare_workers_route").map((r) => [r.pattern, r.script]);
    expect(routes).toEqual(
      expect.arrayContaining([
        ["example.com/*", "shop-edge"],
        ["cdn.example.com/*", "shop-edge"],
      ]),
    );
    const staging = stacks["staging-cloudflare-edge"] as StackJson;
    expect(resourceList(staging, "cloudflare_workers_route").map((r) => r.script)).toEqual([
      "shop-edge-staging",
      "shop-edge-staging",
    ]);
    expect(
      Testing.toHaveResourceWithProperties(JSON.stringify(prod), "cloudflare_workers_route", {
        script: "shop-edge",
      }),
    ).toBe(true);
  });

  it("declares no worker script, version, deployment, secret or binding: wrangler owns those", () => {
    for (const json of Object.values(stacks)) {
      // Data sources only read: the script lookup that guards the routes is one.
      const types = Object.keys(json.resource ?? {});
      expect(
        types.filter((t) => /worker.*(script|version|deployment|secret)|workers_kv|d1_|r2_|queue/.test(t)),
      ).toEqual([]);
      expect(types).toContain("cloudflare_workers_route");
    }
  });

  it("reads the API token from the environment, never from the stack", () => {
    const providers = prod.provider?.cloudflare as Record<string, unknown>[];
    expect(providers).toHaveLength(1);
    expect(Object.keys(providers[0] ?? {})).not.toEqual(expect.arrayContaining(["api_token"]));
    expect(Object.keys(providers[0] ?? {}).filter((k) => /token|key|email/.test(k))).toEqual([]);
    expect(Object.keys(resources(prod, "cloudflare_ruleset"))).toHaveLength(4);
  });
});

it("rules are the same shape in staging, with staging's hosts", () => {
  const staging = stacks["staging-cloudflare-edge"] as StackJson;
  expect(resource(staging, "cloudflare_workers_route", "site").pattern).toBe("staging.example.com/*");
});
