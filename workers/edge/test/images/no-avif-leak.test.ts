// Image formats stay apart on every Cloudflare plan (stacks/README.md, "Image formats"): Cloudflare's cache only
// holds the origin's one representation, so the worker's variant cache is what keeps AVIF, WebP and the original
// apart. A client that does not accept AVIF must never get the AVIF variant, even right after it was cached.
import { describe, expect, it } from "vitest";
import { ACCEPT, decoded, imageApp } from "./helpers.ts";

/** Accept headers of clients without AVIF support (wildcards included: `*\/*` is not AVIF support). */
const WITHOUT_AVIF = {
  webpOnly: "image/webp,*/*",
  wildcard: "*/*",
  oldSafari: "image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5",
  legacy: "image/png,image/*;q=0.8,*/*;q=0.5",
  refused: "image/avif;q=0,image/webp,*/*",
  none: "",
} as const;

describe("a client without AVIF support never receives AVIF", () => {
  it("after the AVIF variant of the same URL is cached, every non-AVIF Accept gets WebP or the original", async () => {
    const app = imageApp();
    const path = "/images/kodim03-768x512.png?w=300";
    const avif = await app.request(path, { accept: ACCEPT.avif });
    expect(avif.headers.get("Content-Type")).toBe("image/avif");
    await avif.arrayBuffer();
    for (const [name, accept] of Object.entries(WITHOUT_AVIF)) {
      const res = await app.request(path, accept ? { accept } : {});
      expect([name, res.status]).toEqual([name, 200]);
      expect([name, res.headers.get("Content-Type")]).not.toEqual([name, "image/avif"]);
      expect([name, res.headers.get("Vary")]).toEqual([name, "Accept"]);
      const { info } = await decoded(res);
      expect([name, info.format]).not.toEqual([name, "image/avif"]);
    }
  });
});
