// The worker half of the origin lockdown, through the whole worker as deployed: every kind of origin request
// carries the secret from the ORIGIN_AUTH_SECRET binding (vitest.config.ts: fresh per run), a client can neither
// choose the header nor learn its value, and without the binding no header is sent.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEdgeApp } from "../src/app.ts";
import type { Env } from "../src/env.ts";
import { policyFor } from "../src/policy.ts";
import { route, stats, unique, worker } from "./support/origin.ts";

const policy = policyFor("production");
const HEADER = policy.originAuth.headerName.toLowerCase();
const secret = () => {
  const value = (env as unknown as Record<string, unknown>)[policy.originAuth.workerSecretBinding];
  if (typeof value !== "string" || value.length !== 64) throw new Error("test secret binding missing");
  return value;
};

/** What the origin received for `path` under the auth header (undefined: no header). */
async function authSeen(path: string): Promise<string | string[] | undefined> {
  const last = (await stats(path)).last;
  if (!last) throw new Error(`origin never saw ${path}`);
  return last.headers[HEADER];
}

/** Fails if the secret appears in any header or in the body of `res` (the body is consumed). */
async function expectNoSecret(res: Response): Promise<void> {
  for (const [name, value] of res.headers) expect(value, name).not.toContain(secret());
  expect(res.headers.has(HEADER)).toBe(false);
  expect(await res.text()).not.toContain(secret());
}

afterEach(() => vi.restoreAllMocks());

describe("origin-auth header on every origin request", () => {
  it("cache fill (api GET miss): the secret, never the client's value", async () => {
    const path = unique("/api/oa-fill-");
    const res = await worker(path, { headers: { "X-Origin-Auth": "client-chosen" } });
    expect(res.headers.get("cache-status")).toMatch(/fwd=miss/);
    await expectNoSecret(res);
    expect(await authSeen(path)).toBe(secret());
  });

  it("pass-through POST (fwd=method), with a lower-case client copy", async () => {
    const path = unique("/api/oa-post-");
    const res = await worker(path, { method: "POST", body: "{}", headers: { "x-origin-auth": "lower" } });
    expect(res.headers.get("cache-status")).toMatch(/fwd=method/);
    await expectNoSecret(res);
    const seen = (await stats(path)).last!;
    expect(seen.method).toBe("POST");
    expect(seen.headers[HEADER]).toBe(secret());
  });

  it("bypassed request (Authorization) and the proxy class, with an upper-case client copy", async () => {
    const api = unique("/api/oa-bypass-");
    const bypassed = await worker(api, { headers: { Authorization: "Bearer x", "X-ORIGIN-AUTH": "upper" } });
    expect(bypassed.headers.get("cache-status")).toMatch(/fwd=request/);
    await expectNoSecret(bypassed);
    expect(await authSeen(api)).toBe(secret());

    const feed = `${unique("/feeds/oa-")}.xml`;
    const proxied = await worker(feed, { method: "PUT", body: "x", headers: { "X-ORIGIN-AUTH": "upper" } });
    expect(proxied.status).toBe(200);
    await expectNoSecret(proxied);
    expect(await authSeen(feed)).toBe(secret());
  });

  it("image source fetch", async () => {
    const source = `${unique("/images/oa-")}.png`;
    await route(source, {
      fixture: "images/kodim03-768x512.png",
      headers: { "Content-Type": "image/png" },
      echoHeaders: [HEADER],
    });
    const res = await worker(`${source}?w=64`, {
      headers: { Accept: "image/webp", "X-Origin-Auth": "client-chosen" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    for (const [name, value] of res.headers) expect(value, name).not.toContain(secret());
    await res.arrayBuffer();
    expect(await authSeen(source)).toBe(secret());
  });

  it("websocket upgrade", async () => {
    const path = unique("/ws/oa-");
    const res = await worker(path, { headers: { Upgrade: "websocket", "X-Origin-Auth": "client-chosen" } });
    expect(res.status).toBe(101);
    expect(res.headers.has(HEADER)).toBe(false);
    res.webSocket!.accept();
    res.webSocket!.close(1000, "done");
    const seen = (await stats(path)).last!;
    expect(seen.headers.upgrade).toBe("websocket");
    expect(seen.headers[HEADER]).toBe(secret());
  });
});

describe("the secret never reaches a client", () => {
  it("an origin that echoes the header: stripped from the miss, the stored entry and the hit", async () => {
    const path = unique("/api/oa-echo-");
    await route(path, { echoHeaders: [HEADER] });
    const miss = await worker(path);
    expect(miss.headers.get("cache-status")).toMatch(/fwd=miss; fwd-status=200; stored/);
    await expectNoSecret(miss);
    expect(await authSeen(path)).toBe(secret()); // the origin did echo it: the worker removed it
    const stored = await caches.default.match(`https://example.com${path}`);
    expect(stored).toBeDefined();
    for (const [name, value] of stored!.headers) expect(value, name).not.toContain(secret());
    await stored!.arrayBuffer();
    const hit = await worker(path);
    expect(hit.headers.get("cache-status")).toMatch(/; hit/);
    await expectNoSecret(hit);
  });

  it("an origin failure answers with a fixed reason, no secret", async () => {
    const path = unique("/api/oa-down-");
    await route(path, { fail: "reset" });
    const res = await worker(path);
    expect(res.status).toBe(502);
    await expectNoSecret(res);
  });
});

describe("without the secret binding", () => {
  it("sends no header (the client's copy is still dropped) and warns once, naming only the binding", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const app = createEdgeApp(policy); // a fresh app: its warning state is its own
    const unbound = { ...env, [policy.originAuth.workerSecretBinding]: undefined } as unknown as Env;
    // A fill, a pass-through POST and a proxied PUT: only the pass-throughs would carry the client's headers.
    const requests: [string, RequestInit][] = [
      [unique("/api/oa-none-"), {}],
      [unique("/api/oa-none-"), { method: "POST", body: "{}" }],
      [`${unique("/feeds/oa-none-")}.xml`, { method: "PUT", body: "x" }],
    ];
    for (const [path, init] of requests) {
      const ctx = createExecutionContext();
      const request = new Request(`https://example.com${path}`, {
        ...init,
        headers: { "X-Origin-Auth": "client-chosen" },
      });
      const res = await app.fetch(request, unbound, ctx);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      await waitOnExecutionContext(ctx);
      expect(await authSeen(path), path).toBeUndefined();
    }
    const warnings = warn.mock.calls.map((args) => args.join(" ")).filter((m) => m.includes("origin-auth"));
    expect(warnings).toEqual([
      `origin-auth: secret binding ${policy.originAuth.workerSecretBinding} is not set: origin requests carry no ${policy.originAuth.headerName} header`,
    ]);
  });
});
