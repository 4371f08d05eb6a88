// Conditional requests through the whole worker (real origin server, workerd Cache API): the edge answers
// If-None-Match / If-Modified-Since from its cache with 304 for the api, html and static classes.
import { describe, expect, it } from "vitest";
import { route, stats, unique, worker } from "./support/origin.ts";

const status = (res: Response) => res.headers.get("cache-status") ?? "";
const LAST_MODIFIED = "Tue, 03 Nov 2026 10:00:00 GMT";

describe("conditional requests at the edge", () => {
  it("api: If-None-Match (weak comparison) → 304 from the cache; another tag → 200 with the body", async () => {
    const path = unique("/api/etag-");
    await route(path, { headers: { "Cache-Control": "public, max-age=60", ETag: '"v1"' } });
    const first = await worker(path);
    expect(first.headers.get("etag")).toBe('"v1"'); // the origin's bytes: its strong validator
    const body = await first.text();
    for (const tag of ['"v1"', 'W/"v1"', '"x", "v1"', "*"]) {
      const res = await worker(path, { headers: { "If-None-Match": tag } });
      expect(res.status, tag).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe('"v1"');
      expect(status(res)).toMatch(/^shop-edge; hit; ttl=/);
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age/);
    }
    const other = await worker(path, { headers: { "If-None-Match": '"v0"' } });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(body);
    expect((await stats(path)).count).toBe(1);
  });

  it("api: If-Modified-Since against the entry's Last-Modified; If-None-Match wins when both are sent", async () => {
    const path = unique("/api/lm-");
    await route(path, {
      headers: { "Cache-Control": "public, max-age=60", "Last-Modified": LAST_MODIFIED, ETag: '"a"' },
    });
    await (await worker(path)).arrayBuffer();
    expect((await worker(path, { headers: { "If-Modified-Since": LAST_MODIFIED } })).status).toBe(304);
    const earlier = await worker(path, { headers: { "If-Modified-Since": "Mon, 02 Nov 2026 10:00:00 GMT" } });
    expect(earlier.status).toBe(200);
    await earlier.arrayBuffer();
    const both = await worker(path, {
      headers: { "If-Modified-Since": LAST_MODIFIED, "If-None-Match": '"b"' },
    });
    expect(both.status).toBe(200);
    await both.arrayBuffer();
  });

  it("a conditional miss fills the cache unconditionally, then answers 304 from the new entry", async () => {
    const path = unique("/api/cond-miss-");
    await route(path, { headers: { "Cache-Control": "public, max-age=60", ETag: '"m1"' } });
    const res = await worker(path, { headers: { "If-None-Match": '"m1"' } });
    expect(res.status).toBe(304);
    expect(status(res)).toBe("shop-edge; fwd=miss; fwd-status=200; stored");
    expect((await stats(path)).last?.headers["if-none-match"]).toBeUndefined();
    const next = await worker(path);
    expect([next.status, status(next).includes("hit")]).toEqual([200, true]);
    await next.arrayBuffer();
  });

  it("bypassed requests carry the client's validators to the origin", async () => {
    const path = unique("/api/cond-pass-");
    await (
      await worker(path, { headers: { Authorization: "Bearer a", "If-None-Match": '"p"' } })
    ).arrayBuffer();
    expect((await stats(path)).last?.headers["if-none-match"]).toBe('"p"');
  });

  it("html: a minified page gets its own weak validator; the origin's strong tag never validates it", async () => {
    const path = unique("/page-cond-");
    await route(path, {
      headers: { "Content-Type": "text/html; charset=utf-8", ETag: '"page1"' },
      body: "<html>  <body>  <p>hi</p>  </body></html>",
    });
    const first = await worker(path);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"page1-edge"$/);
    await first.arrayBuffer();
    const origins = await worker(path, { headers: { "If-None-Match": '"page1"' } });
    expect(origins.status).toBe(200); // weak comparison of "page1" and W/"page1-edge": different tags
    await origins.arrayBuffer();
    const ours = await worker(path, { headers: { "If-None-Match": etag } });
    expect(ours.status).toBe(304);
  });

  it("static: 304 from the cache, the long-lived Cache-Control kept on the 304", async () => {
    const path = unique("/assets/cond-");
    await route(`${path}.css`, { headers: { "Content-Type": "text/css", ETag: '"css1"' }, body: "a{}" });
    await (await worker(`${path}.css`)).arrayBuffer();
    const res = await worker(`${path}.css`, { headers: { "If-None-Match": '"css1"' } });
    expect(res.status).toBe(304);
    expect(res.headers.get("cache-control")).toMatch(/max-age=31536000/);
  });

  it("Vary: a tag validates only the variant the client got; a date never validates a variant", async () => {
    const path = unique("/api/cond-vary-");
    await route(path, {
      headers: {
        "Cache-Control": "public, max-age=60",
        Vary: "Accept-Language",
        ETag: '"same"',
        "Last-Modified": LAST_MODIFIED,
      },
    });
    const de = await worker(path, { headers: { "Accept-Language": "de" } });
    const deTag = de.headers.get("etag") ?? "";
    await de.arrayBuffer();
    await (await worker(path, { headers: { "Accept-Language": "en" } })).arrayBuffer();
    const sameVariant = await worker(path, { headers: { "Accept-Language": "de", "If-None-Match": deTag } });
    expect(sameVariant.status).toBe(304);
    const otherVariant = await worker(path, { headers: { "Accept-Language": "en", "If-None-Match": deTag } });
    expect(otherVariant.status).toBe(200);
    await otherVariant.arrayBuffer();
    const byDate = await worker(path, {
      headers: { "Accept-Language": "de", "If-Modified-Since": LAST_MODIFIED },
    });
    expect(byDate.status).toBe(200);
    await byDate.arrayBuffer();
  });
});
