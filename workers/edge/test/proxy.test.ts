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
