import { describe, expect, it } from "vitest";
import { route, stats, unique, worker } from "./support/origin.ts";

describe("classification and dispatch by route class", () => {
  it("each class gets its behaviour and CSP profile", async () => {
    const api = await worker(unique("/api/class-"));
    expect(api.headers.get("cache-status")).toMatch(/fwd=miss/);
    expect(api.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);

    const page = await worker(unique("/class-page-"));
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);

    const other = await worker(unique("/class-other-").concat(".txt"));
    expect(other.headers.get("cache-status")).toBeNull(); // default class: proxied, not cached
    expect(other.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });

  it("the images class is answered by the image middleware, with sources fetched from the origin", async () => {
    const name = "paris-403x302-exif-xmp-icc.jpg";
    const path = `/images/${unique("c-")}-${name}`;
    await route(path, { fixture: `images/${name}`, headers: { "Content-Type": "image/jpeg" } });
    const res = await worker(`${path}?w=160`, { headers: { Accept: "image/webp,*/*" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("vary")).toMatch(/accept/i);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age/);
    const seen = (await stats(path)).last!;
    expect(seen.headers.cookie).toBeUndefined();
  });
});
