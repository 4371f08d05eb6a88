import { describe, expect, it } from "vitest";
import { route, stats, unique, worker } from "./support/origin.ts";

describe("proxy (default class)", () => {
  it("forwards method, body and headers, minus hop-by-hop and untrusted forwarding headers", async () => {
    const path = unique("/feeds/rss-");
    await route(`${path}.xml`, { headers: { "Content-Type": "application/rss+xml" }, body: "<rss/>" });
    const res = await worker(`${path}.xml?x=1`, {
      method: "PUT",
      body: "payload",
      headers: { "X-Custom": "1", "X-Forwarded-Host": "evil.example", "X-Original-URL": "/admin" },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("<rss/>");
    const seen = (await stats(`${path}.xml`)).last!;
    expect(seen.method).toBe("PUT");
    expect(seen.url).toBe(`${path}.xml?x=1`);
    expect(seen.headers["x-custom"]).toBe("1");
    expect(seen.headers["x-forwarded-host"]).toBe("example.com");
    expect(seen.headers["x-original-url"]).toBeUndefined();
  });

  it("passes origin redirects to the client instead of following them", async () => {
    const path = unique("/go-");
    await route(`${path}.txt`, { status: 302, headers: { Location: "https://example.com/elsewhere" } });
    const res = await worker(`${path}.txt`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.com/elsewhere");
  });

  it("answers 502 with a short body when the origin is unreachable", async () => {
    const path = unique("/down-");
    await route(`${path}.txt`, { fail: "reset" });
    const res = await worker(`${path}.txt`);
    expect(res.status).toBe(502);
    expect(await res.text()).toBe("origin unreachable\n");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a streamed (chunked) body over the limit with 413, not 5xx", async () => {
    const { createEdgeApp } = await import("../src/app.ts");
    const { policyFor } = await import("../src/policy.ts");
    const { env } = await import("cloudflare:workers");
    const app = createEdgeApp({ ...policyFor("production"), maxBodyBytes: 1024 });
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(512));
        controller.close();
      },
    });
    const res = await app.fetch(
      new Request(`https://example.com${unique("/upload-")}.bin`, {
        method: "POST",
        body,
        duplex: "half",
      } as RequestInit),
      env,
    );
    expect(res.status).toBe(413);
  });
});

describe("proxy route classes: the class's Cache-Control, as NGINX sends it", async () => {
  const { createEdgeApp } = await import("../src/app.ts");
  const { policyFor } = await import("../src/policy.ts");
  const { cacheControlFor } = await import("@edge/platform/headers");
  const { env } = await import("cloudflare:workers");
  const { createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
  const production = policyFor("production");
  const classes = production.routeClasses;
  // Three proxy classes borrowing the cache policies of the model's classes: bypass (websocket), a fixed
  // lifetime (static: the origin's header is not respected) and one that respects the origin's (api).
  const asProxy = (from: string, prefix: string) => ({
    ...classes[from]!,
    handler: "proxy" as const,
    match: [{ prefix }],
  });
  const policy = {
    ...production,
    routeClasses: {
      ...classes,
      pxbypass: asProxy("websocket", "/px-bypass/"),
      pxfixed: asProxy("static", "/px-fixed/"),
      pxorigin: asProxy("api", "/px-origin/"),
    },
  };
  const app = createEdgeApp(policy);
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const ctx = createExecutionContext();
    const request = new Request(`https://example.com${path}`, { redirect: "manual", headers });
    const res = await app.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    await res.arrayBuffer();
    return res;
  };
  const answered = async (
    prefix: string,
    spec: Parameters<typeof route>[1],
    headers: Record<string, string> = {},
  ) => {
    const path = unique(prefix);
    await route(path, spec);
    return call(path, headers);
  };
  const ORIGIN_CC = "public, max-age=60";

  it("a bypass class says no-store on every answer, whatever the origin said", async () => {
    expect(classes["websocket"]!.cache.mode).toBe("bypass");
    for (const status of [200, 302, 404, 500]) {
      const res = await answered("/px-bypass/", { status, headers: { "Cache-Control": ORIGIN_CC } });
      expect([res.status, res.headers.get("cache-control")]).toEqual([status, "no-store"]);
    }
  });

  it("a class with its own lifetime replaces the origin's on the statuses NGINX's add_header covers", async () => {
    const want = cacheControlFor(classes["static"]!.cache);
    for (const status of [200, 204, 301, 304]) {
      const res = await answered("/px-fixed/", { status, headers: { "Cache-Control": "no-cache" } });
      expect([res.status, res.headers.get("cache-control")]).toEqual([status, want]);
    }
    // Errors never get the class's (year-long) lifetime: they keep their own.
    const notFound = await answered("/px-fixed/", { status: 404, headers: { "Cache-Control": "no-store" } });
    expect([notFound.status, notFound.headers.get("cache-control")]).toEqual([404, "no-store"]);
    const down = await answered("/px-fixed/", { fail: "reset" });
    expect([down.status, down.headers.get("cache-control")]).toEqual([502, "no-store"]);
  });

  it("a class that respects the origin's Cache-Control keeps it, and sends its own when there is none", async () => {
    const kept = await answered("/px-origin/", { headers: { "Cache-Control": "private, max-age=0" } });
    expect(kept.headers.get("cache-control")).toBe("private, max-age=0");
    // The test origin's default is `public, max-age=60`; an empty value counts as none (NGINX's map too).
    const none = await answered("/px-origin/", { headers: { "Cache-Control": "" } });
    expect(none.headers.get("cache-control")).toBe(cacheControlFor(classes["api"]!.cache));
  });

  it("personal requests (Authorization, a session cookie) never get the public class value", async () => {
    const silent = { headers: { "Cache-Control": "" } };
    const cc = (res: Response) => [res.status, res.headers.get("cache-control")];
    expect(cc(await answered("/px-origin/", silent, { Authorization: "Bearer u" }))).toEqual([
      200,
      "no-store",
    ]);
    expect(cc(await answered("/px-origin/", { ...silent, status: 404 }, { Cookie: "sid=1" }))).toEqual([
      404,
      "no-store",
    ]);
    const own = { headers: { "Cache-Control": "private, max-age=5" } };
    expect(cc(await answered("/px-origin/", own, { Cookie: "session=a" }))).toEqual([
      200,
      "private, max-age=5",
    ]);
    // static's policy has no personal requests (immutable URLs): Authorization changes nothing.
    const fixed = await answered("/px-fixed/", silent, { Authorization: "Bearer u" });
    expect(cc(fixed)).toEqual([200, cacheControlFor(classes["static"]!.cache)]);
  });

  it("paths no class claims keep the origin's Cache-Control (NGINX's location / has no class either)", async () => {
    const res = await answered("/px-none/", { headers: { "Cache-Control": ORIGIN_CC } });
    expect([res.status, res.headers.get("cache-control")]).toEqual([200, ORIGIN_CC]);
  });
});
