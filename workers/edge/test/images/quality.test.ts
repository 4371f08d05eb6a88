import { describe, expect, it } from "vitest";
import { ACCEPT, decoded, freshHost, imageApp, policy, withImages } from "./helpers.ts";

// The local Images binding ignores quality, so these assert on the output options the worker hands to
// the real binding (recorded on the way through), and on the variant actually produced.
const defaults = policy.images.qualityByFormat;
const SOURCE = "/images/kodim03-768x512.png?w=300";

describe("quality by output format", () => {
  it("without q, each output format gets the model's default for it", async () => {
    const app = imageApp();
    const cases = [
      { accept: ACCEPT.avif, query: "", format: "image/avif", quality: defaults.avif },
      { accept: ACCEPT.webp, query: "", format: "image/webp", quality: defaults.webp },
      { accept: ACCEPT.webp, query: "&format=jpeg", format: "image/jpeg", quality: defaults.jpeg },
    ];
    for (const { accept, query, format, quality } of cases) {
      const res = await app.request(`${SOURCE}${query}`, { accept });
      expect(res.status).toBe(200);
      expect((await decoded(res)).info.format).toBe(format);
      expect(app.calls.outputs.at(-1)).toMatchObject({ format, quality });
    }
    expect(new Set(cases.map((c) => c.quality)).size).toBeGreaterThan(1); // the defaults differ
  });

  it("an explicit q (clamped) wins over the format's default, and is a variant of its own", async () => {
    const app = imageApp();
    await app.request(SOURCE, { accept: ACCEPT.avif });
    await app.request(`${SOURCE}&q=50`, { accept: ACCEPT.avif });
    await app.request(`${SOURCE}&q=1`, { accept: ACCEPT.webp });
    expect(app.calls.outputs.map((o) => o.quality)).toEqual([defaults.avif, 50, policy.images.minQuality]);
  });

  it("a model change of qualityByFormat builds new variants: the old ones are never served for it", async () => {
    const host = freshHost(); // both deploys serve one zone, so they share cache entries unless keys differ
    const at = (webp: number, jpeg: number) =>
      imageApp({ host, policy: withImages({ qualityByFormat: { ...defaults, webp, jpeg } }) });
    const before = at(79, 80);
    const after = at(70, 70);
    const cases = [
      { path: SOURCE, accept: ACCEPT.webp, was: 79, now: 70 }, // negotiated WebP
      { path: "/images/paris-403x302-exif-xmp-icc.jpg?w=160", accept: ACCEPT.none, was: 80, now: 70 }, // original JPEG
    ];
    for (const { path, accept, was, now } of cases) {
      expect((await before.request(path, { accept })).headers.get("Cache-Status")).toMatch(
        /fwd=uri-miss; stored$/,
      );
      expect((await before.request(path, { accept })).headers.get("Cache-Status")).toMatch(/; hit$/);
      expect(before.calls.outputs.at(-1)).toMatchObject({ quality: was });
      const changed = await after.request(path, { accept });
      expect(changed.headers.get("Cache-Status")).toMatch(/fwd=uri-miss; stored$/);
      expect(after.calls.outputs.at(-1)).toMatchObject({ quality: now });
      expect((await after.request(path, { accept })).headers.get("Cache-Status")).toMatch(/; hit$/);
    }
    expect(after.fetches).toHaveLength(cases.length);
  });

  it("under one model, equivalent requests still share a variant, and no q shares it with the default q", async () => {
    const app = imageApp();
    const base = "/images/kodim03-768x512.png";
    const cold = await app.request(`${base}?w=300`, { accept: ACCEPT.webp });
    expect(cold.headers.get("Cache-Status")).toMatch(/fwd=uri-miss; stored$/);
    for (const query of ["width=320&dpr=1", "w=160&dpr=2", `w=320&q=${defaults.webp}`]) {
      const res = await app.request(`${base}?${query}`, { accept: ACCEPT.webp });
      expect(res.headers.get("Cache-Status"), query).toMatch(/; hit$/);
    }
    expect(app.calls.transforms).toBe(1);
    // Another quality is another variant.
    const other = await app.request(`${base}?w=320&q=${defaults.webp - 10}`, { accept: ACCEPT.webp });
    expect(other.headers.get("Cache-Status")).toMatch(/fwd=uri-miss; stored$/);
  });
});
