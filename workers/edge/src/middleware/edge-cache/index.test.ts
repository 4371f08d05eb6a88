// Isolated tests: one edge cache per case in a fresh app, a stubbed origin, a fresh cache. The tests through
// the whole worker (real origin server, every class) are in test/edge-cache.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call, freshCache, freshPurgeLog, stubOrigin } from "../../../test/support/isolated.ts";
import { cacheKeyBuilder } from "../../lib/cache-key.ts";
import { policyFor } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";
import { cacheStatus } from "./cache-status.ts";
import { type EdgeCacheOptions, edgeCache } from "./index.ts";

const policy = policyFor("production");
const status = (res: Response) => res.headers.get("cache-status") ?? "";

async function setup(
  answer: (req: Request) => Response | Promise<Response>,
  extra: Partial<EdgeCacheOptions> = {},
) {
  const stub = stubOrigin(answer);
  const purgeLog = freshPurgeLog();
  const cache = await freshCache();
  const app = new Hono<EdgeEnv>().use(
    edgeCache({
      routeClass: policy.routeClasses["api"]!,
      origin: stub.origin,
      cacheName: "test-edge",
      keyFor: cacheKeyBuilder(policy.cacheKey),
      purgeLog,
      cache,
      ...extra,
    }),
  );
  return { app, seen: stub.seen, purgeLog, cache };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=60", ...headers },
  });

describe("cacheStatus (RFC 9211)", () => {
  it("orders the parameters as the RFC's examples do", () => {
    expect(cacheStatus("c", { hit: true, ttl: 5 })).toBe("c; hit; ttl=5");
    expect(cacheStatus("c", { fwd: "miss", fwdStatus: 200, stored: true, collapsed: true })).toBe(
      "c; fwd=miss; fwd-status=200; stored; collapsed",
    );
    expect(cacheStatus("c", { fwd: "stale", fwdStatus: 503, ttl: -4, detail: "stale-if-error" })).toBe(
      "c; fwd=stale; fwd-status=503; ttl=-4; detail=stale-if-error",
    );
    expect(cacheStatus("c", { fwd: "request", detail: "authorization" })).toBe(
      "c; fwd=request; detail=authorization",
    );
  });
});

describe("edge cache (isolated)", () => {
  it("miss → stored → hit; the origin sees the normalized URL and only the keyed headers", async () => {
    const { app, seen } = await setup(() => json({ n: 1 }));
    const headers = { Cookie: "theme=dark", "Accept-Language": "de", "X-Forwarded-Host": "evil.example" };
    const first = await call(app, "/api/p?b=2&a=1&utm_source=x", { headers });
    expect(status(first)).toBe("test-edge; fwd=miss; fwd-status=200; stored");
    expect(await first.json()).toEqual({ n: 1 });
    const second = await call(app, "/api/p?a=1&b=2");
    expect(status(second)).toMatch(/^test-edge; hit; ttl=(59|60)$/);
    expect(second.headers.get("cache-control")).toBe("public, max-age=60");
    expect([...second.headers.keys()].filter((h) => h.startsWith("x-edge"))).toEqual([]);
    expect(await second.json()).toEqual({ n: 1 });
    expect(seen.length).toBe(1);
    expect(seen[0]!.url).toBe("http://origin.test/api/p?a=1&b=2");
    expect(seen[0]!.headers.get("cookie")).toBeNull();
    expect(seen[0]!.headers.get("accept-language")).toBe("de");
    expect(seen[0]!.headers.get("x-forwarded-host")).toBe("example.com");
  });

  it("bypasses for Authorization: the origin gets the credentials, nothing is stored", async () => {
    const { app, seen } = await setup(() => json({ me: true }));
    const res = await call(app, "/api/me", { headers: { Authorization: "Bearer a" } });
    expect(status(res)).toBe("test-edge; fwd=request; detail=authorization");
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer a");
    expect(status(await call(app, "/api/me"))).toMatch(/fwd=miss/);
  });

  it("streamed fills: the transform runs once, its output is stored and served", async () => {
    let transforms = 0;
    const { app, seen } = await setup(
      () => new Response("hello", { headers: { "Cache-Control": "max-age=60" } }),
      {
        transform: (res) => {
          transforms++;
          return new Response(res.body?.pipeThrough(upperCase()), res);
        },
      },
    );
    const first = await call(app, "/api/t");
    expect(await first.text()).toBe("HELLO");
    const second = await call(app, "/api/t");
    expect(status(second)).toMatch(/hit/);
    expect(await second.text()).toBe("HELLO");
    expect([seen.length, transforms]).toEqual([1, 1]);
  });

  it("coalesce: concurrent misses share one buffered fill", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { app, seen } = await setup(
      async () => {
        await gate;
        return json({ shared: true });
      },
      { coalesce: true },
    );
    const pending = Array.from({ length: 10 }, () => call(app, "/api/herd"));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const responses = await Promise.all(pending);
    expect(seen.length).toBe(1);
    expect(responses.filter((r) => status(r).endsWith("; collapsed")).length).toBe(9);
    for (const r of responses) expect(await r.json()).toEqual({ shared: true });
  });

  it("a failing origin is a typed error: 502 with a short reason and detail=origin-502", async () => {
    const { app } = await setup(() => {
      throw new TypeError("connection refused");
    });
    const res = await call(app, "/api/down");
    expect(res.status).toBe(502);
    expect(await res.text()).toBe("origin unreachable\n");
    expect(status(res)).toBe("test-edge; fwd=miss; detail=origin-502");
  });

  it("a recorded purge turns the next hit into a miss", async () => {
    const { app, seen, purgeLog, cache } = await setup(() => json({}, { "Cache-Tag": "product-1" }));
    await (await call(app, "/api/product")).arrayBuffer();
    expect(status(await call(app, "/api/product"))).toMatch(/hit/);
    await purgeLog.record(cache, ["product-1"], []);
    expect(status(await call(app, "/api/product"))).toMatch(/fwd=miss; fwd-status=200; stored/);
    expect(seen.length).toBe(2);
  });
});

function upperCase(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(encoder.encode(decoder.decode(chunk, { stream: true }).toUpperCase()));
    },
  });
}
