import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { cacheOutcome } from "../../lib/cache-status.ts";
import type { EdgeEnv } from "../../types.ts";
import { cacheAnalytics } from "./index.ts";

/** A tiny app: a fixed route class, then the middleware, then a handler answering with `cacheStatus`. */
async function record(cacheStatus: string | null, binding = true) {
  const points: AnalyticsEngineDataPoint[] = [];
  const app = new Hono<EdgeEnv>();
  app.use(async (c, next) => {
    c.set("route", { className: "api", routeClass: undefined });
    await next();
  });
  app.use(cacheAnalytics({ environment: "staging" }));
  app.get("*", (c) => c.text("ok", 200, cacheStatus ? { "Cache-Status": cacheStatus } : {}));
  const ctx = createExecutionContext();
  const recorder = { writeDataPoint: (p?: AnalyticsEngineDataPoint) => p && points.push(p) };
  const res = await app.fetch(
    new Request("https://example.com/api/x"),
    { ...env, CACHE_ANALYTICS: binding ? recorder : undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, points };
}

describe("cache analytics", () => {
  it("records environment, route class and outcome of each response, leaving the response alone", async () => {
    const { res, points } = await record("shop-edge; hit; ttl=59");
    expect(await res.text()).toBe("ok");
    expect(points).toEqual([{ blobs: ["staging", "api", "hit"], doubles: [1], indexes: ["api"] }]);
  });

  it("does nothing without the binding (local runs)", async () => {
    const { res, points } = await record("shop-edge; hit", false);
    expect(res.status).toBe(200);
    expect(points).toEqual([]);
  });
});

describe("Cache-Status (RFC 9211) → outcome", () => {
  const cases: [string | null, string][] = [
    ["shop-edge; hit; ttl=59", "hit"],
    ["shop-edge; fwd=miss; fwd-status=200; stored", "miss"],
    ["shop-edge; fwd=uri-miss; detail=collapsed", "miss"],
    ["shop-edge; fwd=stale; fwd-status=200", "miss"],
    ["shop-edge; fwd=bypass", "bypass"],
    ["shop-edge; fwd=method", "bypass"],
    ["shop-edge; hit, origin-cache; fwd=miss", "hit"],
    [null, "none"],
  ];
  for (const [header, outcome] of cases) {
    it(`${header ?? "(no header)"} → ${outcome}`, () => expect(cacheOutcome(header)).toBe(outcome));
  }
});
