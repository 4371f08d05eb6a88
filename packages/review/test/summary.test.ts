// The first screen of the review: effective policy per environment and class, routes, pools, alarms, risks.
// Hand-made artefacts in the shapes the real renderers write (synth JSON, NGINX snippets, compiled policy).
import { describe, expect, it } from "vitest";
import type { TerraformJson } from "../src/diff/stacks.ts";
import { renderReport } from "../src/report/index.ts";
import { renderSummary } from "../src/report/summary.ts";
import { summarize } from "../src/summary/effective.ts";
import { findRisks } from "../src/summary/risks.ts";
import type { NginxFiles, ReviewData, SideResult, WorkerPolicyEnv } from "../src/types.ts";

interface EnvSpec {
  domain: string;
  script: string;
  routeScript?: string;
  apiEdge: number;
  apiBrowser: number;
  webMin: number;
  hsts?: boolean;
}

const cloudflare = (e: EnvSpec): TerraformJson => ({
  resource: {
    cloudflare_ruleset: {
      cache: {
        phase: "http_request_cache_settings",
        rules: [
          {
            ref: "cache_api",
            action_parameters: {
              cache: true,
              edge_ttl: { mode: "override_origin", default: e.apiEdge },
              browser_ttl:
                e.apiBrowser === 0 ? { mode: "bypass" } : { mode: "override_origin", default: e.apiBrowser },
            },
          },
          { ref: "cache_api_bypass", action_parameters: { cache: false } },
          { ref: "cache_ws", action_parameters: { cache: false } },
        ],
      },
    },
    cloudflare_workers_route: {
      site: { pattern: `${e.domain}/*`, script: e.routeScript ?? e.script },
    },
  },
});

const compute = (env: string, e: EnvSpec): TerraformJson => ({
  resource: {
    aws_autoscaling_group: {
      web: { name: `shop-${env}-web`, min_size: e.webMin, desired_capacity: e.webMin, max_size: 10 },
    },
    aws_cloudwatch_metric_alarm: {
      cpu: {
        alarm_name: `shop-${env}-web-cpu-high`,
        metric_name: "CPUUtilization",
        comparison_operator: "GreaterThanThreshold",
        threshold: 80,
        evaluation_periods: 5,
        period: 60,
      },
    },
  },
});

const nginx = (e: EnvSpec): NginxFiles => ({
  "nginxconfig/routes/api.conf": "add_header        Cache-Control $cache_control_api;\n",
  "nginxconfig/routes/ws.conf": 'add_header Cache-Control "no-store" always;\n',
  "nginxconfig/maps.conf": `map $upstream_http_cache_control $cache_control_api {\n    ""      "public, max-age=${e.apiBrowser}, s-maxage=${e.apiEdge}, stale-while-revalidate=30";\n    default $upstream_http_cache_control;\n}\n`,
  "nginxconfig/security/api.conf": `add_header X-Frame-Options DENY always;\n${e.hsts === false ? "" : 'add_header Strict-Transport-Security "max-age=63072000" always;\n'}`,
});

const policy = (e: EnvSpec): WorkerPolicyEnv => ({
  edge: { scriptName: e.script },
  routeClasses: {
    api: {
      pool: "api",
      albAction: "forward",
      cache: {
        mode: "cache",
        edgeTtlSeconds: e.apiEdge,
        browserTtlSeconds: e.apiBrowser,
        staleWhileRevalidateSeconds: 30,
        staleIfErrorSeconds: 600,
      },
    },
    ws: { pool: "ws", albAction: "forward", cache: { mode: "bypass" } },
  },
});

function side(envs: Record<string, EnvSpec>, ref = "main"): SideResult {
  const stacks: Record<string, TerraformJson> = {};
  for (const [env, e] of Object.entries(envs)) {
    stacks[`${env}-cloudflare-edge`] = cloudflare(e);
    stacks[`${env}-aws-compute`] = compute(env, e);
  }
  return {
    ref,
    stacks: { status: "ok", value: stacks },
    policy: { status: "ok", value: { findings: [], suppressed: [] } },
    nginx: {
      status: "ok",
      value: Object.fromEntries(
        Object.entries(envs).map(([env, e]) => [env, { status: "ok", value: nginx(e) }]),
      ),
    },
    worker: { status: "ok", value: { files: [], bytes: 0, gzipBytes: 0 } },
    workerPolicy: {
      status: "ok",
      value: Object.fromEntries(Object.entries(envs).map(([env, e]) => [env, policy(e)])),
    },
    delivery: {},
  };
}

const production: EnvSpec = {
  domain: "example.com",
  script: "shop-edge",
  apiEdge: 300,
  apiBrowser: 0,
  webMin: 3,
};
const staging: EnvSpec = {
  ...production,
  domain: "staging.example.com",
  script: "shop-edge-staging",
  webMin: 1,
};

describe("summarize", () => {
  it("reads each layer's effective TTLs, the routes, pool sizes and alarms from the artefacts", () => {
    const s = summarize(side({ production }));
    expect(s.production?.classes.api).toEqual({
      cloudflareEdge: 300,
      cloudflareBrowser: 0, // rendered as browser_ttl bypass
      workerEdge: 300,
      nginxEdge: 300, // s-maxage of the map's no-upstream-header value
      browser: 0,
      swr: 30,
      staleIfError: 600,
      pool: "api",
      albAction: "forward",
    });
    expect(s.production?.classes.ws?.cloudflareEdge).toBe("bypass");
    expect(s.production?.classes.ws?.nginxEdge).toBe("bypass");
    expect(s.production?.routes).toEqual({ "example.com/*": "shop-edge" });
    expect(s.production?.pools).toEqual({ web: { min: 3, desired: 3, max: 10 } });
    expect(s.production?.alarms).toEqual({
      "shop-production-web-cpu-high": "CPUUtilization > 80 for 5 × 60 s",
    });
  });
});

describe("findRisks", () => {
  const base = summarize(side({ staging, production }));

  it("finds nothing in an unchanged model", () => {
    expect(findRisks(base, base)).toEqual([]);
  });

  it("flags a new environment that inherits production's worker script", () => {
    const qa = { ...staging, domain: "qa.example.com", script: "shop-edge" };
    expect(findRisks(base, summarize(side({ staging, qa, production })))).toEqual([
      "`qa` deploys and routes `qa.example.com/*` to `shop-edge`, also the worker of `production` — give qa its own edge.scriptName",
    ]);
  });

  it("flags a route to another environment's worker", () => {
    const head = summarize(side({ staging: { ...staging, routeScript: "shop-edge" }, production }));
    expect(findRisks(base, head)).toEqual([
      "`staging`: route `staging.example.com/*` goes to `shop-edge`, the worker of `production`",
    ]);
  });

  it("flags a TTL raised more than tenfold on every layer that raises it, and not a ninefold one", () => {
    const head = summarize(
      side({ staging: { ...staging, apiEdge: 2700 }, production: { ...production, apiEdge: 3300 } }),
    );
    const risks = findRisks(base, head);
    expect(risks.filter((r) => r.startsWith("`staging`"))).toEqual([]);
    expect(risks).toEqual([
      "`production` `api`: edge TTL at Cloudflare raised 11× (300 s → 3300 s)",
      "`production` `api`: edge TTL in the worker raised 11× (300 s → 3300 s)",
      "`production` `api`: edge TTL in NGINX raised 11× (300 s → 3300 s)",
    ]);
  });

  it("flags a removed security header and a production pool minimum lowered (not staging's)", () => {
    const head = summarize(
      side({ staging: { ...staging, webMin: 0 }, production: { ...production, webMin: 2, hsts: false } }),
    );
    expect(findRisks(base, head)).toEqual([
      "`production`: security header `Strict-Transport-Security` removed from the `api` profile",
      "`production` pool `web`: minimum lowered 3 → 2",
    ]);
  });
});

describe("the report's first screen", () => {
  const data: ReviewData = {
    base: side({ staging, production }),
    head: side(
      {
        staging,
        qa: { ...staging, domain: "qa.example.com", script: "shop-edge" },
        production: { ...production, apiEdge: 60 },
      },
      "working tree",
    ),
  };

  it("puts risks, then per environment the policy table before → after, routes, pools and alarms", () => {
    const { body, risks } = renderSummary(data);
    expect(risks).toHaveLength(1);
    expect(body).toContain("### ⚠️ Risky changes");
    expect(body).toContain(
      "| api | **300 → 60** | **300 → 60** | **300 → 60** | 0 | 30 | 600 | api | forward |",
    );
    expect(body).toContain("### `qa` (new environment)");
    expect(body).toContain("Worker routes: `qa.example.com/*` → `shop-edge`; the build deploys `shop-edge`.");
    expect(body).toContain("Pools (min/desired/max): `web` 1/1/10.");
    // staging did not change: its table is there, collapsed.
    expect(body).toMatch(
      /### `staging`\n\n<details><summary>No change to caching, routes, pools or alarms<\/summary>/,
    );
    const report = renderReport(data);
    expect(report.indexOf("## Effect per environment")).toBeLessThan(report.indexOf("## Stacks"));
    expect(report).toContain('| Risky changes | ⚠️ 1 risky change, listed under "Effect per environment" |');
  });

  it("does not call a failed synth at head a removal: it says what is missing and assesses no risk", () => {
    const failed: ReviewData = {
      base: data.base,
      head: { ...data.head, stacks: { status: "failed", error: "synth: pools.ws.scaling: bad" } },
    };
    const { body, risks, assessed } = renderSummary(failed);
    expect([risks, assessed]).toEqual([[], false]);
    expect(body).toContain(
      "**Incomplete at head** — stacks (Cloudflare TTLs, routes, pools, alarms) failed: synth: pools.ws.scaling: bad",
    );
    expect(renderReport(failed)).toContain("| Risky changes | not assessed (a part failed; see below) |");
  });
});
