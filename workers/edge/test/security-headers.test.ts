import { describe, expect, it } from "vitest";
import { route, unique, worker } from "./support/origin.ts";

function expectSecurityHeaders(res: Response, what: string): void {
  const h = res.headers;
  expect(h.get("strict-transport-security"), what).toBe("max-age=63072000; includeSubDomains; preload");
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(h.get("permissions-policy"), what).toContain("camera=()");
  expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
  expect(h.get("cross-origin-resource-policy"), what).toBe("same-origin");
  expect(h.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  expect(h.get("server"), what).toBeNull();
  expect(h.get("x-powered-by"), what).toBeNull();
}

describe("security headers", () => {
  it("on proxied, cached, error and refusal responses alike; Server and X-Powered-By removed", async () => {
    const api = unique("/api/sec-");
    await route(api, {
      headers: { Server: "nginx/1.22", "X-Powered-By": "Express", "X-AspNet-Version": "4" },
    });
    const miss = await worker(api);
    const hit = await worker(api);
    expect(hit.headers.get("cache-status")).toMatch(/hit/);
    const broken = unique("/api/sec-down-");
    await route(broken, { fail: "reset" });
    const cases: [string, Response][] = [
      ["miss", miss],
      ["hit", hit],
      ["origin down (502)", await worker(broken)],
      ["refused method (405)", await worker("/api/x", { method: "TRACE" })],
      ["malformed URL (400)", await worker("/api/%zz")],
      ["purge 401", await worker("/__edge/purge", { method: "POST" })],
      ["default class", await worker("/robots.txt")],
      ["image class", await worker("/images/missing.jpg")],
    ];
    for (const [what, res] of cases) {
      expectSecurityHeaders(res, what);
      expect(res.headers.get("x-aspnet-version"), what).toBeNull();
    }
    expect(cases[2]![1].status).toBe(502);
    expect(await cases[2]![1].text()).toBe("origin unreachable\n");
  });

  it("API responses get the strict default-src 'none' CSP", async () => {
    const res = await worker(unique("/api/csp-"));
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it("HTML gets a fresh nonce per response, in the CSP and on every <script>", async () => {
    const page = unique("/nonce-");
    await route(page, {
      headers: { "Content-Type": "text/html" },
      body: '<html><head><script src="/a.js"></script><script nonce="forged">x()</script></head><body></body></html>',
    });
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await worker(page);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      expect(csp).toContain("'strict-dynamic'");
      const html = await res.text();
      expect(html.match(/nonce="([^"]*)"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`]);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]); // the second came from the cache, with its own nonce
  });
});
