import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { route, unique } from "../../test/support/origin.ts";
import { createEdgeApp } from "../app.ts";
import * as entry from "../index.ts";
import { policyFor } from "../policy.ts";
import { outcomeSql } from "./analytics-query.ts";
import { publishCdnMetrics } from "./cdn-metrics.ts";
import { hitRatioData } from "./cloudwatch.ts";

const MINUTE = 60_000;
const policy = policyFor("production");
const standIn = (url: string | undefined, path: string) => new URL(path, url).toString();

interface Put {
  signature: { valid: boolean; reason?: string };
  action: string;
  namespace: string;
  metrics: {
    name: string;
    unit: string;
    value: number;
    timestamp: string;
    dimensions: Record<string, string>;
  }[];
}
const received = async () => {
  const analytics = (await (await fetch(standIn(env.ANALYTICS_SQL_URL, "/__received"))).json()) as {
    queries: { authorized: boolean; dataset: string; environment: string; fromMs: number; toMs: number }[];
  };
  const cloudwatch = (await (await fetch(standIn(env.CLOUDWATCH_URL, "/__received"))).json()) as {
    puts: Put[];
  };
  return { queries: analytics.queries, puts: cloudwatch.puts };
};

/** Sends requests through the real edge app with a recording CACHE_ANALYTICS binding; returns the data points. */
async function recordThroughWorker(requests: [string, RequestInit?][]) {
  const points: AnalyticsEngineDataPoint[] = [];
  const recorder = { writeDataPoint: (p?: AnalyticsEngineDataPoint) => p && points.push(p) };
  const app = createEdgeApp(policy);
  for (const [path, init] of requests) {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`https://example.com${path}`, init),
      { ...env, CACHE_ANALYTICS: recorder },
      ctx,
    );
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
  }
  return points;
}

/** Stores data points in the Analytics Engine stand-in as written at `timestampMs`. */
const ingest = (points: AnalyticsEngineDataPoint[], timestampMs: number) =>
  fetch(standIn(env.ANALYTICS_SQL_URL, "/__ingest"), {
    method: "POST",
    body: JSON.stringify({ timestampMs, points }),
  });

describe("CDN hit ratio: worker → Analytics Engine → scheduled handler → CloudWatch (local stand-ins)", () => {
  it("publishes the hit ratio per cacheable class and for all, signed with SigV4", async () => {
    const api = unique("/api/hit-ratio-");
    const page = unique("/hit-ratio-page-");
    await route(api, { headers: { "Cache-Control": "public, max-age=60" } });
    await route(page, {
      headers: { "Cache-Control": "public, max-age=60", "Content-Type": "text/html" },
      body: "<p>x</p>",
    });
    const points = await recordThroughWorker([
      [api],
      [api],
      [api],
      [page],
      [api, { method: "POST", body: "{}" }],
    ]);
    expect(points.map((p) => p.blobs)).toEqual([
      ["production", "api", "miss"],
      ["production", "api", "hit"],
      ["production", "api", "hit"],
      ["production", "html", "miss"],
      ["production", "api", "bypass"],
    ]);
    const minute = Date.UTC(2026, 0, 1, 12, 0);
    await ingest(points, minute + 10_000);
    await ingest(points, minute - 30_000); // the minute before: must not be counted

    // The worker entry point's cron handler, with the bindings of the test config.
    const ctx = createExecutionContext();
    const scheduledTime = new Date(minute + MINUTE + 5_000);
    entry.default.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const { queries, puts } = await received();
    const query = queries.find((q) => q.fromMs === minute);
    expect(query).toMatchObject({
      authorized: true,
      dataset: "edge_cache_status",
      environment: "production",
      toMs: minute + MINUTE,
    });
    const put = puts.find((p) => p.metrics[0]?.timestamp === new Date(minute).toISOString());
    expect(put?.signature).toEqual({ valid: true });
    expect(put).toMatchObject({ action: "PutMetricData", namespace: "Shop/Edge" });
    const ratio = (routeClass: string) =>
      put?.metrics.find((m) => m.name === "CacheHitRatio" && m.dimensions.RouteClass === routeClass);
    expect(ratio("api")).toMatchObject({
      unit: "Percent",
      value: 66.67,
      dimensions: { Environment: "production" },
    });
    expect(ratio("html")?.value).toBe(0);
    expect(ratio("all")?.value).toBe(50);
    expect(
      put?.metrics.find((m) => m.name === "CacheableRequests" && m.dimensions.RouteClass === "all")?.value,
    ).toBe(4);
  });

  it("a wrong secret is refused by the stand-in's own SigV4 check, and the error names no secret", async () => {
    const minute = Date.UTC(2026, 0, 1, 13, 0);
    await ingest([{ blobs: ["production", "static", "hit"] }], minute + 1_000);
    const wrong = "wrong-secret-never-printed";
    const run = publishCdnMetrics({ ...env, AWS_SECRET_ACCESS_KEY: wrong }, policy, minute + MINUTE);
    await expect(run).rejects.toThrow(/^cdn-metrics: PutMetricData answered 403 \(SignatureDoesNotMatch\)$/);
    const { puts } = await received();
    const put = puts.find((p) => p.metrics[0]?.timestamp === new Date(minute).toISOString());
    expect(put?.signature).toEqual({ valid: false, reason: "signature does not match" });
  });

  it("a wrong analytics token fails with the status only", async () => {
    const run = publishCdnMetrics(
      { ...env, CF_ANALYTICS_TOKEN: "not-the-token" },
      policy,
      Date.UTC(2026, 0, 1, 14, 0),
    );
    await expect(run).rejects.toThrow(/^cdn-metrics: analytics query answered 401$/);
  });

  it("without credentials it skips and names what is missing", async () => {
    const result = await publishCdnMetrics({ ...env, AWS_SECRET_ACCESS_KEY: undefined }, policy, Date.now());
    expect(result).toBeUndefined();
  });
});

describe("hit ratio arithmetic and query", () => {
  it("counts hits over hits + misses; bypasses and uncached classes count for neither", () => {
    const data = hitRatioData(
      { api: { hit: 3, miss: 1, bypass: 50 }, static: { hit: 9, miss: 1 }, websocket: { none: 7 } },
      ["api", "html", "static"],
    );
    expect(data.filter((d) => d.name === "CacheHitRatio").map((d) => [d.routeClass, d.value])).toEqual([
      ["api", 75],
      ["static", 90],
      ["all", 85.71],
    ]);
  });

  it("refuses names that are not plain identifiers before they reach SQL", () => {
    expect(() => outcomeSql("edge; DROP", "production", 0)).toThrow(
      /dataset "edge; DROP" is not a plain name/,
    );
    expect(() => outcomeSql("edge_cache_status", "prod' OR '1'='1", 0)).toThrow(/is not a plain name/);
  });
});
