import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  CorruptImageError,
  type ImageHeader,
  readImageHeader,
  sniffFormat,
} from "../../src/middleware/images/formats/index.ts";
import { fixture } from "./helpers.ts";

type Expected = Omit<ImageHeader, "orientation" | "animated" | "alpha"> & Partial<ImageHeader>;

// Every fixture with what its headers declare (stored size; orientation as tagged). See fixtures/SOURCES.md.
const FIXTURES: Record<string, Expected> = {
  "dog-4032x3024-exif-orient6-xmp-icc.jpg": { format: "jpeg", width: 4032, height: 3024, orientation: 6 },
  "landscape-1800x1200-exif-orient8.jpg": { format: "jpeg", width: 1200, height: 1800, orientation: 8 },
  "hubble-deep-field-1000x872.jpg": { format: "jpeg", width: 1000, height: 872, orientation: 1 },
  "paris-403x302-exif-xmp-icc.jpg": { format: "jpeg", width: 403, height: 302, orientation: 1 },
  "kodim03-768x512.png": { format: "png", width: 768, height: 512, alpha: false },
  "coffee-600x400-photo.png": { format: "png", width: 600, height: 400, alpha: false },
  "blackbug-2048x1536-alpha.png": { format: "png", width: 2048, height: 1536, alpha: true },
  "rotating-squares-80x80-animated.gif": {
    format: "gif",
    width: 80,
    height: 80,
    animated: true,
    alpha: true,
  },
  "bryce-canyon-2048x396-lossless.webp": { format: "webp", width: 2048, height: 396, animated: false },
  "libwebp-test-128x128-lossy.webp": { format: "webp", width: 128, height: 128, alpha: false },
  "usa-counties-inkscape.svg": { format: "svg", width: 0, height: 0 },
  // Hostile: the bomb's header is valid (refused later by pixel count); the fake JPEG is SVG text.
  "hostile/bomb-20000x20000.png": { format: "png", width: 20000, height: 20000, animated: false },
  "hostile/svg-with-script.jpg": { format: "svg", width: 0, height: 0 },
};

describe("header parsers on every fixture", () => {
  for (const [name, expected] of Object.entries(FIXTURES)) {
    it(`${name} → ${expected.format} ${expected.width}x${expected.height}`, async () => {
      const bytes = await fixture(name);
      expect(sniffFormat(bytes)).toBe(expected.format);
      expect(readImageHeader(bytes)).toMatchObject(expected);
    });
  }

  it("the truncated Hubble JPEG sniffs as JPEG but is refused as truncated", async () => {
    const bytes = await fixture("hostile/truncated-hubble.jpg");
    expect(sniffFormat(bytes)).toBe("jpeg");
    expect(() => readImageHeader(bytes)).toThrow(/truncated/);
  });

  it("AVIF (encoded by the binding) → size from ispe, alpha from auxC", async () => {
    const png = await fixture("blackbug-2048x1536-alpha.png");
    const out = await env.IMAGES.input(new Response(png).body!)
      .transform({ width: 200 })
      .output({ format: "image/avif" });
    const avif = new Uint8Array(await new Response(out.image()).arrayBuffer());
    expect(sniffFormat(avif)).toBe("avif");
    expect(readImageHeader(avif)).toMatchObject({ format: "avif", width: 200, height: 150, alpha: true });
    expect(() => readImageHeader(avif.subarray(0, Math.floor(avif.length * 0.6)))).toThrow(CorruptImageError);
  });
});

describe("hostile and broken bytes", () => {
  const text = (s: string) => new TextEncoder().encode(s);

  it("unknown content is no image: HTML, JSON, empty, a few bytes", () => {
    for (const sample of ["<!doctype html><html><body>hi</body></html>", '{"a":1}', "", "\xff", "GIF8"]) {
      expect(readImageHeader(text(sample))).toBeNull();
    }
  });

  it("SVG is found behind an XML declaration, comments, a DOCTYPE and a BOM", () => {
    const svg = '\ufeff<?xml version="1.0"?>\n<!-- c --><!DOCTYPE svg [ <!ENTITY x "y"> ]>\n<svg xmlns="x"/>';
    expect(sniffFormat(text(svg))).toBe("svg");
    expect(sniffFormat(text("<svgx/>"))).toBeNull();
    expect(sniffFormat(text("<html><svg/></html>"))).toBeNull();
  });

  it("a JPEG whose segment runs past the end, or with no frame header, is corrupt", () => {
    expect(() => readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 1, 2]))).toThrow(
      CorruptImageError,
    );
    expect(() => readImageHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toThrow(CorruptImageError);
  });

  // Every fixture cut at several points: each parser must fail with a CorruptImageError (or find no
  // image), never another exception. The one exception is a cut in trailing padding after the end
  // marker (the GIF has 4 KB of zeros after its trailer): the image itself is whole then.
  it("every fixture cut short is refused cleanly", async () => {
    for (const name of Object.keys(FIXTURES)) {
      if (FIXTURES[name]!.format === "svg") continue;
      const bytes = await fixture(name);
      for (const fraction of [0.001, 0.01, 0.2, 0.5, 0.9, 0.999]) {
        const cut = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction)));
        let outcome: unknown;
        try {
          outcome = readImageHeader(cut);
        } catch (error) {
          outcome = error;
        }
        const whole = fraction > 0.9 && JSON.stringify(outcome) === JSON.stringify(readImageHeader(bytes));
        const refused = outcome === null || outcome instanceof CorruptImageError;
        expect(refused || whole, `${name} cut at ${fraction}`).toBe(true);
      }
    }
  });

  // Seeded byte flips in the headers of the small fixtures: parsers may accept or refuse, never crash.
  it("random header mutations never throw anything but CorruptImageError", async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (const name of [
      "paris-403x302-exif-xmp-icc.jpg",
      "rotating-squares-80x80-animated.gif",
      "libwebp-test-128x128-lossy.webp",
      "hostile/bomb-20000x20000.png",
    ]) {
      const original = await fixture(name);
      for (let round = 0; round < 150; round++) {
        const bytes = original.slice();
        for (let flips = 0; flips < 4; flips++) {
          bytes[Math.floor(random() * Math.min(bytes.length, 2048))] = Math.floor(random() * 256);
        }
        try {
          readImageHeader(bytes);
        } catch (error) {
          expect(error, `${name} round ${round}`).toBeInstanceOf(CorruptImageError);
        }
      }
    }
  });
});
