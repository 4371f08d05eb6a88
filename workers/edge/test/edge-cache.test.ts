import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createEdgeApp } from "../src/app.ts";
import { policyFor } from "../src/policy.ts";
import { eventually, route, sleep, stats, unique, worker } from "./support/origin.ts";

const status = (res: Response) => res.headers.get("cache-status") ?? "";

describe("edge cache: API class", () => {
  it("MISS then HIT with one origin fetch", async () => {
    const path = unique("/api/miss-hit-");
    await route(path, { headers: { "Cache-Control": "public, max-age=60" } });
    const first = await worker(path);
    expect(first.status).toBe(200);
    expect(status(first)).toBe("shop-edge; fwd=miss; fwd-status=200; stored");
    const body = await first.text();
    const second = await worker(path);
    expect(status(second)).toMatch(/^shop-edge; hit; ttl=(59|60)$/);
    expect(await second.text()).toBe(body);
    expect(second.headers.get("cache-control")).toBe("public, max-age=60");
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect([...second.headers.keys()].filter((h) => h.startsWith("x-edge"))).toEqual([]);
    expect((await stats(path)).count).toBe(1);
  });

  it("HEAD is answered from the GET entry without a body", async () => {
    const path = unique("/api/head-");
    await worker(path).then((r) => r.arrayBuffer());
    const head = await worker(path, { method: "HEAD" });
    expect(status(head)).toMatch(/hit/);
    expect(await head.text()).toBe("");
    expect((await stats(path)).count).toBe(1);
  });

  for (const cc of ["private, max-age=60", "no-store", "no-cache", "public, max-age=0"]) {
    it(`never stores Cache-Control: ${cc}`, async () => {
      const path = unique("/api/uncacheable-");
      await route(path, { headers: { "Cache-Control": cc } });
      const first = await worker(path);
      expect(status(first)).toMatch(/fwd=miss; fwd-status=200; detail=/);
      expect(status(first)).not.toMatch(/stored/);
      await first.arrayBuffer();
      await (await worker(path)).arrayBuffer();
      expect((await stats(path)).count).toBe(2);
    });
  }

  it("never stores a Set-Cookie response, and never hands it to another client", async () => {
    const path = unique("/api/cookie-");
    await route(path, { headers: { "Set-Cookie": "session=alice; HttpOnly" }, delayMs: 100 });
    const responses = await Promise.all([worker(path), worker(path), worker(path)]);
    for (const res of responses) expect(status(res)).toMatch(/detail=set-cookie/);
    // Each client got its own origin response: nobody was served another's cookie from a shared fetch.
    expect((await stats(path)).count).toBe(3);
    const again = await worker(path);
    expect(status(again)).not.toMatch(/hit/);
  });

  it("bypasses the cache for Authorization and session cookies, and forwards them", async () => {
    const path = unique("/api/auth-");
    await (await worker(path)).arrayBuffer(); // a public entry exists
    const auth = await worker(path, { headers: { Authorization: "Bearer alice" } });
    expect(status(auth)).toBe("shop-edge; fwd=request; detail=authorization");
    expect((await stats(path)).last?.headers.authorization).toBe("Bearer alice");
    const session = await worker(path, { headers: { Cookie: "theme=dark; session=abc" } });
    expect(status(session)).toBe("shop-edge; fwd=request; detail=session-cookie");
    const other = await worker(path, { headers: { Cookie: "theme=dark" } });
    expect(status(other)).toMatch(/hit/);
    expect((await stats(path)).count).toBe(3);
  });

  it("fills anonymously: cookies and credentials never reach the origin on a cacheable request", async () => {
    const path = unique("/api/anon-");
    await (await worker(path, { headers: { Cookie: "theme=dark", "Accept-Language": "de" } })).arrayBuffer();
    const seen = (await stats(path)).last?.headers ?? {};
    expect(seen.cookie).toBeUndefined();
    expect(seen["accept-language"]).toBe("de");
  });

  it("unkeyed headers cannot poison the cache", async () => {
    const path = unique("/api/poison-");
    const hostile = {
      "X-Forwarded-Host": "evil.example",
      "X-Original-URL": "/admin",
      "X-Rewrite-URL": "/admin",
      "X-Forwarded-Scheme": "http",
      "X-Forwarded-Proto": "http",
      "X-Host": "evil.example",
      Forwarded: "host=evil.example",
      "X-HTTP-Method-Override": "DELETE",
      "User-Agent": "<script>alert(1)</script>",
    };
    const first = await worker(path, { headers: hostile });
    await first.arrayBuffer();
    const seen = (await stats(path)).last?.headers ?? {};
    // The origin only ever sees forwarding headers derived from the keyed URL.
    expect(seen["x-forwarded-host"]).toBe("example.com");
    expect(seen["x-forwarded-proto"]).toBe("https");
    for (const h of [
      "x-original-url",
      "x-rewrite-url",
      "x-forwarded-scheme",
      "x-host",
      "forwarded",
      "x-http-method-override",
      "user-agent",
    ])
      expect(String(seen[h] ?? ""), h).not.toMatch(/evil|admin|DELETE|script|http$/);
    // A clean client gets the very same entry: hostile headers neither split nor changed it.
    const clean = await worker(path);
    expect(status(clean)).toMatch(/hit/);
    expect((await stats(path)).count).toBe(1);
  });

  it("tracking parameters and parameter order share one entry; the origin sees the normalized URL", async () => {
    const path = unique("/api/track-");
    await (await worker(`${path}?b=2&a=1&utm_source=news&gclid=xyz`)).arrayBuffer();
    expect((await stats(path)).last?.url).toBe(`${path}?a=1&b=2`);
    for (const q of ["?a=1&b=2", "?b=2&a=1&fbclid=1", "?utm_campaign=x&a=1&b=2&_ga=2"]) {
      const res = await worker(path + q);
      expect(status(res), q).toMatch(/hit/);
      await res.arrayBuffer();
    }
    const different = await worker(`${path}?a=2&b=2`);
    expect(status(different)).toMatch(/miss/);
    expect((await stats(path)).count).toBe(2);
  });

  it("honours Vary on Accept-Language: one entry per language", async () => {
    const path = unique("/api/vary-");
    await route(path, {
      headers: { "Cache-Control": "public, max-age=60", Vary: "Accept-Language, Accept-Encoding" },
    });
    const de = await worker(path, { headers: { "Accept-Language": "de" } });
    const en = await worker(path, { headers: { "Accept-Language": "en" } });
    expect(status(de)).toMatch(/miss/);
    expect(status(en)).toMatch(/miss/);
    const bodies = [await de.text(), await en.text()];
    const de2 = await worker(path, { headers: { "Accept-Language": "de" } });
    const en2 = await worker(path, { headers: { "Accept-Language": "en" } });
    expect(status(de2)).toMatch(/hit/);
    expect(status(en2)).toMatch(/hit/);
    expect([await de2.text(), await en2.text()]).toEqual(bodies);
    expect(de2.headers.get("vary")).toBe("accept-language");
    expect((await stats(path)).count).toBe(2);
  });

  it("never stores Vary: Cookie or Vary: *", async () => {
    for (const vary of ["Cookie", "*"]) {
      const path = unique("/api/vary-personal-");
      await route(path, { headers: { Vary: vary } });
      expect(status(await worker(path))).toMatch(/detail=vary/);
    }
  });

  it("stale-while-revalidate: serves stale at once and refreshes once in the background", async () => {
    const path = unique("/api/swr-");
    await route(path, { headers: { "Cache-Control": "public, s-maxage=1, stale-while-revalidate=30" } });
    const first = await (await worker(path)).json();
    await sleep(1100);
    const stale = await Promise.all([worker(path), worker(path), worker(path)]);
    for (const res of stale) {
      expect(status(res)).toMatch(/^shop-edge; hit; ttl=-\d+; detail=stale-while-revalidate$/);
      expect(await res.json()).toEqual(first);
    }
    expect(await eventually(async () => (await stats(path)).count === 2)).toBe(true);
    await sleep(100);
    const fresh = await worker(path);
    expect(status(fresh)).toMatch(/^shop-edge; hit; ttl=\d/);
    expect(await fresh.json()).toEqual({ path, n: 2 });
    expect((await stats(path)).count).toBe(2);
  });

  it("stale-if-error: serves stale while the origin answers 5xx or is unreachable", async () => {
    const path = unique("/api/sie-");
    await route(path, { headers: { "Cache-Control": "public, s-maxage=1, stale-while-revalidate=0" } });
    const first = await (await worker(path)).json();
    await sleep(1100);
    await route(path, { status: 503, body: "down" });
    const on5xx = await worker(path);
    expect(on5xx.status).toBe(200);
    expect(status(on5xx)).toMatch(/^shop-edge; fwd=stale; fwd-status=503; ttl=-\d+; detail=stale-if-error$/);
    expect(await on5xx.json()).toEqual(first);
    await route(path, { fail: "reset" });
    const onReset = await worker(path);
    expect(onReset.status).toBe(200);
    expect(status(onReset)).toMatch(/fwd=stale; ttl=-\d+; detail=stale-if-error/);
    expect(await onReset.json()).toEqual(first);
  });

  it("stale-if-error on an origin timeout (the model's originTimeoutMs)", async () => {
    const base = policyFor("production");
    const app = createEdgeApp({ ...base, edge: { ...base.edge, originTimeoutMs: 300 } });
    const call = async (p: string) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(new Request(`https://example.com${p}`), env, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const path = unique("/api/timeout-");
    await route(path, { headers: { "Cache-Control": "public, s-maxage=1, stale-while-revalidate=0" } });
    const first = await (await call(path)).json();
    await sleep(1100);
    await route(path, { delayMs: 2000 });
    const stale = await call(path);
    expect(status(stale)).toMatch(/fwd=stale; ttl=-\d+; detail=stale-if-error/);
    expect(await stale.json()).toEqual(first);
    const slow = unique("/api/timeout-slow-");
    await route(slow, { delayMs: 2000 });
    const timedOut = await call(slow);
    expect(timedOut.status).toBe(504);
    expect(await timedOut.text()).toBe("origin timeout\n");
    expect(timedOut.headers.get("strict-transport-security")).toMatch(/max-age/);
  });

  it("100 concurrent cold requests make one origin fetch", async () => {
    const path = unique("/api/herd-");
    await route(path, { delayMs: 150 });
    const responses = await Promise.all(Array.from({ length: 100 }, () => worker(path)));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.filter((r) => status(r).includes("collapsed")).length).toBe(99);
    expect((await stats(path)).count).toBe(1);
  });

  it("collapsed requests share an origin 5xx instead of stampeding", async () => {
    const path = unique("/api/herd-5xx-");
    await route(path, { status: 500, delayMs: 100, body: "boom" });
    const responses = await Promise.all(Array.from({ length: 20 }, () => worker(path)));
    expect(responses.every((r) => r.status === 500)).toBe(true);
    expect((await stats(path)).count).toBe(1);
  });

  it("passes other methods through with Cache-Status fwd=method", async () => {
    const path = unique("/api/post-");
    const res = await worker(path, { method: "POST", body: "{}" });
    expect(status(res)).toBe("shop-edge; fwd=method");
    expect((await stats(path)).last?.method).toBe("POST");
  });
});

describe("edge cache: static and HTML classes", () => {
  it("static assets: cached a year, immutable, whatever the origin says", async () => {
    const path = unique("/assets/app-");
    await route(path, {
      headers: { "Cache-Control": "no-cache", "Content-Type": "text/javascript" },
      body: "x()",
    });
    const first = await worker(`${path}.js`);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=31536000, .*immutable$/);
    await first.arrayBuffer();
    const second = await worker(`${path}.js`);
    expect(status(second)).toMatch(/hit/);
    expect(second.headers.get("cache-control")).toMatch(/^public, max-age=31536000, .*immutable$/);
  });

  it("HTML: cached 5 minutes at the edge, minified, with SWR in the downstream policy", async () => {
    const path = unique("/page-");
    await route(path, {
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "" },
      body: "<!doctype html>\n<html>  <body>\n\n  <p>hi   there</p>\n<!-- gone --></body></html>",
    });
    const first = await worker(path);
    expect(await first.text()).toBe("<!doctype html> <html> <body> <p>hi there</p> </body></html>");
    const second = await worker(path);
    expect(status(second)).toMatch(/^shop-edge; hit; ttl=(299|300)$/);
    expect(second.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400",
    );
    expect(await second.text()).toBe("<!doctype html> <html> <body> <p>hi there</p> </body></html>");
  });
});
