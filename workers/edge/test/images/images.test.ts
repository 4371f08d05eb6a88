import { env } from "cloudflare:workers";
import { cacheControlFor } from "@edge/platform/headers";
import { describe, expect, it } from "vitest";
import { readImageHeader } from "../../src/middleware/images/formats/index.ts";
import { SVG_CSP } from "../../src/middleware/images/index.ts";
import { ACCEPT, decoded, fixture, fixtureOrigin, imageApp, policy, withImages } from "./helpers.ts";

// The model's 1-year immutable policy for the images class (it also carries stale-if-error).
const IMMUTABLE = cacheControlFor(policy.routeClasses["images"]!.cache);

describe("resize and format negotiation (outputs decoded by the binding and by our parser)", () => {
  it("Accept avif / webp / neither → three variants, each re-served from cache without a source fetch", async () => {
    const app = imageApp();
    const path = "/images/kodim03-768x512.png?w=300";
    const expected = { avif: "image/avif", webp: "image/webp", none: "image/png" } as const;
    for (const [name, accept] of Object.entries(ACCEPT) as [keyof typeof ACCEPT, string][]) {
      const res = await app.request(path, { accept });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(expected[name]);
      expect(res.headers.get("Cache-Control")).toBe(IMMUTABLE);
      expect(res.headers.get("Vary")).toBe("Accept");
      expect(res.headers.get("Cache-Status")).toMatch(/; fwd=uri-miss; stored$/);
      const { info, header } = await decoded(res);
      expect(info).toMatchObject({ format: expected[name], width: 320, height: 213 });
      expect(header).toMatchObject({ width: 320, height: 213 });
    }
    expect(app.fetches).toHaveLength(3);
    for (const [name, accept] of Object.entries(ACCEPT) as [keyof typeof ACCEPT, string][]) {
      const res = await app.request(path, { accept });
      expect(res.headers.get("Cache-Status")).toMatch(/; hit$/);
      expect(res.headers.get("Content-Type")).toBe(expected[name]);
      expect(res.headers.get("Vary")).toBe("Accept");
      expect((await decoded(res)).info).toMatchObject({ width: 320, height: 213 });
    }
    expect(app.fetches).toHaveLength(3);
    expect(app.calls.transforms).toBe(3);
  });

  it("concurrent cold requests for one variant share one source fetch and one transform", async () => {
    const app = imageApp();
    const path = "/images/paris-403x302-exif-xmp-icc.jpg?w=160";
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.request(path, { accept: i % 2 ? ACCEPT.avif : ACCEPT.webp })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => r.headers.get("Content-Type")))).toEqual(
      new Set(["image/avif", "image/webp"]),
    );
    expect(responses.filter((r) => r.headers.get("Cache-Status")?.includes("collapsed"))).toHaveLength(18);
    expect(app.fetches).toHaveLength(2); // one per format
    expect(app.calls.transforms).toBe(2);
    for (const res of responses) expect((await decoded(res)).info).toMatchObject({ width: 160, height: 120 });
  });

  it("width snapping bounds the variants: many widths and DPRs, one variant per ladder step", async () => {
    const app = imageApp();
    const queries = [
      "w=161",
      "w=200",
      "w=250",
      "width=300",
      "w=319",
      "w=320",
      "w=160&dpr=2",
      "w=106&dpr=3",
      "w=120&dpr=2.5",
    ];
    const etags = new Set<string | null>();
    for (const query of queries) {
      const res = await app.request(`/images/coffee-600x400-photo.png?${query}`, { accept: ACCEPT.webp });
      expect(res.status).toBe(200);
      etags.add(res.headers.get("ETag"));
      expect((await decoded(res)).info).toMatchObject({ format: "image/webp", width: 320, height: 213 });
    }
    expect(etags.size).toBe(1);
    expect(app.fetches).toHaveLength(1);
    // Qualities outside the model's range are clamped into it: q=1 and q=30 are one variant too.
    await app.request("/images/coffee-600x400-photo.png?w=320&q=1", { accept: ACCEPT.webp });
    const clamped = await app.request("/images/coffee-600x400-photo.png?w=320&q=30", { accept: ACCEPT.webp });
    expect(clamped.headers.get("Cache-Status")).toMatch(/; hit$/);
    expect(app.fetches).toHaveLength(2);
    // Past the ladder's top the width is capped, and scale-down never enlarges the 600 px source.
    const big = await app.request("/images/coffee-600x400-photo.png?w=99999", { accept: ACCEPT.webp });
    expect((await decoded(big)).info).toMatchObject({ width: 600, height: 400 });
  });

  it("fit=cover with a width and a height crops to the asked aspect ratio", async () => {
    const res = await imageApp().request("/images/coffee-600x400-photo.png?w=300&h=300&fit=cover", {
      accept: ACCEPT.webp,
    });
    expect((await decoded(res)).info).toMatchObject({ format: "image/webp", width: 320, height: 320 });
  });

  it("an explicit format wins over Accept", async () => {
    const res = await imageApp().request("/images/kodim03-768x512.png?w=160&format=jpeg", {
      accept: ACCEPT.avif,
    });
    expect((await decoded(res)).info).toMatchObject({ format: "image/jpeg", width: 160, height: 107 });
  });

  it("a WebP source for a client without WebP comes out as JPEG", async () => {
    const res = await imageApp().request("/images/bryce-canyon-2048x396-lossless.webp?w=480", {
      accept: ACCEPT.none,
    });
    expect((await decoded(res)).info).toMatchObject({ format: "image/jpeg", width: 480, height: 93 });
  });

  it("If-None-Match with the variant's ETag → 304, on a miss and on a hit", async () => {
    const app = imageApp();
    const first = await app.request("/images/kodim03-768x512.png?w=160", { accept: ACCEPT.webp });
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    const again = await app.request("/images/kodim03-768x512.png?w=160", {
      accept: ACCEPT.webp,
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("Vary")).toBe("Accept");
    expect(await again.text()).toBe("");
    // A cold edge (another host, so another cache entry) builds the same bytes and answers 304 too.
    const cold = await imageApp().request("/images/kodim03-768x512.png?w=160", {
      accept: ACCEPT.webp,
      headers: { "If-None-Match": etag },
    });
    expect(cold.status).toBe(304);
    expect(cold.headers.get("Cache-Status")).toMatch(/fwd=uri-miss/);
  });
});

describe("purge hook", () => {
  it("a hit the hook calls purged (by the source's Cache-Tag or path) is rebuilt; internal headers never leak", async () => {
    const purges: { tag: string; at: number }[] = [];
    const seen: { tags: readonly string[]; filledAt: number }[] = [];
    const app = imageApp({
      origin: async (path) => {
        const res = await fixtureOrigin(path);
        return new Response(res.body, { headers: { "Cache-Tag": "product-42, hero" } });
      },
      isPurged: (_path, tags, filledAt) => {
        seen.push({ tags, filledAt });
        return purges.some((p) => tags.includes(p.tag) && p.at >= filledAt);
      },
    });
    const path = "/images/paris-403x302-exif-xmp-icc.jpg?w=160";
    const first = await app.request(path, { accept: ACCEPT.webp });
    expect(first.headers.get("X-Edge-Filled-At")).toBeNull();
    expect(first.headers.get("X-Edge-Source-Tags")).toBeNull();
    const hit = await app.request(path, { accept: ACCEPT.webp });
    expect(hit.headers.get("Cache-Status")).toMatch(/; hit$/);
    expect(hit.headers.get("X-Edge-Filled-At")).toBeNull();
    expect(seen.at(-1)?.tags).toEqual(["product-42", "hero"]);
    purges.push({ tag: "hero", at: Date.now() });
    const rebuilt = await app.request(path, { accept: ACCEPT.webp });
    expect(rebuilt.headers.get("Cache-Status")).toMatch(/fwd=uri-miss; stored$/);
    expect(app.fetches).toHaveLength(2);
  });
});

describe("orientation, alpha, animation", () => {
  it("EXIF orientation 8 (stored 1200x1800) comes out landscape 1800x1200, and 480 wide at w=480", async () => {
    const app = imageApp();
    const full = await app.request("/images/landscape-1800x1200-exif-orient8.jpg", { accept: ACCEPT.webp });
    expect((await decoded(full)).info).toMatchObject({ format: "image/webp", width: 1800, height: 1200 });
    const small = await app.request("/images/landscape-1800x1200-exif-orient8.jpg?w=480", {
      accept: ACCEPT.webp,
    });
    const { info, header } = await decoded(small);
    expect(info).toMatchObject({ width: 480, height: 320 });
    expect(header.orientation).toBe(1); // rotated pixels, no tag left to rotate them again
  });

  it("EXIF orientation 6, 12 Mpx phone photo (stored 4032x3024) → portrait 480x640", async () => {
    const res = await imageApp().request("/images/dog-4032x3024-exif-orient6-xmp-icc.jpg?w=480", {
      accept: ACCEPT.webp,
    });
    expect(res.status).toBe(200);
    expect((await decoded(res)).info).toMatchObject({ format: "image/webp", width: 480, height: 640 });
  });

  it("an alpha PNG keeps its alpha in WebP and in AVIF", async () => {
    const app = imageApp();
    for (const [accept, format] of [
      [ACCEPT.webp, "image/webp"],
      [ACCEPT.avif, "image/avif"],
    ] as const) {
      const res = await app.request("/images/blackbug-2048x1536-alpha.png?w=320", { accept });
      const { bytes, info, header } = await decoded(res);
      expect(info).toMatchObject({ format, width: 320, height: 240 });
      expect(header.alpha).toBe(true);
      // Decoded again and written as PNG, the pixels still carry alpha (colour type 6, RGBA).
      const png = await env.IMAGES.input(new Response(bytes).body!).output({ format: "image/png" });
      const pixels = new Uint8Array(await new Response(png.image()).arrayBuffer());
      expect(readImageHeader(pixels)).toMatchObject({ format: "png", width: 320, height: 240, alpha: true });
      expect(pixels[25]).toBe(6);
    }
  });

  it("an animated GIF is passed through whole (the binding would keep one frame)", async () => {
    const source = await fixture("rotating-squares-80x80-animated.gif");
    const app = imageApp();
    const res = await app.request("/images/rotating-squares-80x80-animated.gif?w=160", {
      accept: ACCEPT.avif,
    });
    expect(res.headers.get("Content-Type")).toBe("image/gif");
    const { bytes, header } = await decoded(res);
    expect(bytes).toEqual(source);
    expect(header).toMatchObject({ format: "gif", animated: true });
    expect(app.calls.transforms).toBe(0);
  });
});

describe("keep the original when it is smaller", () => {
  // Never serve a variant bigger than the source in the same format.
  for (const [path, accept, type] of [
    ["/images/paris-403x302-exif-xmp-icc.jpg", ACCEPT.none, "image/jpeg"],
    ["/images/paris-403x302-exif-xmp-icc.jpg?w=480", ACCEPT.none, "image/jpeg"],
    ["/images/libwebp-test-128x128-lossy.webp", ACCEPT.webp, "image/webp"],
    ["/images/hubble-deep-field-1000x872.jpg?w=1024&format=jpeg", ACCEPT.avif, "image/jpeg"],
  ] as const) {
    it(`${path} (${type}) is never bigger than the source`, async () => {
      const source = await fixture(path.slice("/images/".length).split("?")[0]!);
      const res = await imageApp().request(path, { accept });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      const { bytes } = await decoded(res);
      expect(bytes.byteLength).toBeLessThanOrEqual(source.byteLength);
    });
  }

  it("the tiny WebP is served as its original bytes (re-encoding does not beat it)", async () => {
    const source = await fixture("libwebp-test-128x128-lossy.webp");
    const res = await imageApp().request("/images/libwebp-test-128x128-lossy.webp", { accept: ACCEPT.webp });
    const { bytes } = await decoded(res);
    if (bytes.byteLength === source.byteLength) expect(bytes).toEqual(source);
    expect(bytes.byteLength).toBeLessThanOrEqual(source.byteLength);
  });

  it("a photo stored as PNG becomes a much smaller WebP", async () => {
    const source = await fixture("coffee-600x400-photo.png");
    const res = await imageApp().request("/images/coffee-600x400-photo.png", { accept: ACCEPT.webp });
    const { bytes, info } = await decoded(res);
    expect(info).toMatchObject({ format: "image/webp", width: 600, height: 400 });
    expect(bytes.byteLength).toBeLessThan(source.byteLength / 4);
  });
});

describe("SVG", () => {
  it("a real .svg is passed through with the sandboxing CSP and nosniff", async () => {
    const source = await fixture("usa-counties-inkscape.svg");
    const res = await imageApp().request("/images/usa-counties-inkscape.svg?w=320", { accept: ACCEPT.avif });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(res.headers.get("Content-Security-Policy")).toBe(SVG_CSP);
    expect(SVG_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(source);
  });

  it('with images.svg = "refuse" it is refused (415)', async () => {
    const app = imageApp({ policy: withImages({ svg: "refuse" }) });
    const res = await app.request("/images/usa-counties-inkscape.svg");
    expect(res.status).toBe(415);
    expect(await res.text()).toMatch(/SVG/);
  });
});

describe("HEAD", () => {
  it("answers like GET without a body", async () => {
    const app = imageApp();
    const res = await app.request("/images/kodim03-768x512.png?w=160", {
      method: "HEAD",
      accept: ACCEPT.webp,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("Cache-Control")).toBe(IMMUTABLE);
    expect(await res.text()).toBe("");
  });
});

it("uses the images route class's 1-year immutable cache policy from the model", () => {
  expect(IMMUTABLE).toMatch(/^public, max-age=31536000, .*immutable$/);
});
