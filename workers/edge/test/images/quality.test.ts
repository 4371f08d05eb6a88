import { describe, expect, it } from "vitest";
import { ACCEPT, decoded, imageApp, policy } from "./helpers.ts";

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
});
