import { describe, expect, it } from "vitest";
import {
  negotiate,
  negotiatedToken,
  originalFormat,
  outputFormatFor,
  parseAccept,
  possibleOutputFormats,
} from "../../src/middleware/images/negotiate.ts";
import {
  type ImageParams,
  parseImageParams,
  qualityFor,
  snapUp,
} from "../../src/middleware/images/params.ts";
import { planResize, predictOutput } from "../../src/middleware/images/plan.ts";
import { ImageRefusal } from "../../src/middleware/images/refusal.ts";
import { sourcePathOf } from "../../src/middleware/images/source-path.ts";
import { variantKey } from "../../src/middleware/images/variant-cache.ts";
import { ACCEPT, policy } from "./helpers.ts";

const images = policy.images;
const ignored = policy.cacheKey.ignoredQueryParams;
const parse = (query: string) => parseImageParams(new URLSearchParams(query), images, ignored);
const refusalOf = (fn: () => unknown): ImageRefusal => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImageRefusal) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("parameters", () => {
  it("snaps widths up to the model's ladder and caps at its top", () => {
    expect(images.widths).toEqual([160, 320, 480, 640, 768, 1024, 1280, 1536, 1920, 2560]);
    expect(snapUp(1, images.widths)).toBe(160);
    expect(snapUp(161, images.widths)).toBe(320);
    expect(snapUp(320, images.widths)).toBe(320);
    expect(snapUp(99_999, images.widths)).toBe(2560);
    expect(parse("w=300").width).toBe(320);
    expect(parse("width=99999").width).toBe(2560);
  });

  it("dpr multiplies before snapping and is capped by maxDpr", () => {
    expect(parse("w=160&dpr=2").width).toBe(320);
    expect(parse("w=200&dpr=1.5").width).toBe(320);
    expect(parse(`w=160&dpr=${images.maxDpr + 5}`).width).toBe(snapUp(160 * images.maxDpr, images.widths));
  });

  it("a height alone snaps to the ladder; with a width it keeps the asked aspect ratio", () => {
    expect(parse("h=300").height).toBe(320);
    expect(parse("h=300")).not.toHaveProperty("width");
    expect(parse("w=400&h=300")).toMatchObject({ width: 480, height: 360 });
    expect(parse("w=1600&h=900&fit=cover")).toMatchObject({ width: 1920, height: 1080, fit: "cover" });
  });

  it("quality is left to the output format unless asked, and is clamped into the model's range", () => {
    expect(parse("")).not.toHaveProperty("quality");
    expect(qualityFor("avif", parse(""), images)).toBe(images.qualityByFormat.avif);
    expect(qualityFor("webp", parse(""), images)).toBe(images.qualityByFormat.webp);
    expect(qualityFor("jpeg", parse(""), images)).toBe(images.qualityByFormat.jpeg);
    expect(qualityFor("png", parse(""), images)).toBe(images.defaultQuality);
    expect(qualityFor("avif", parse("q=55"), images)).toBe(55);
    expect(parse("q=1").quality).toBe(images.minQuality);
    expect(parse("quality=100").quality).toBe(images.maxQuality);
    expect(parse("q=55").quality).toBe(55);
  });

  it("formats: auto by default, explicit ones from the model plus jpeg/png, jpg as an alias", () => {
    expect(parse("").format).toBe("auto");
    expect(parse("format=jpg").format).toBe("jpeg");
    expect(parse("format=avif").format).toBe("avif");
  });

  it("tracking parameters from the model are dropped", () => {
    expect(parse("w=320&utm_source=x&gclid=y")).toEqual(parse("w=320"));
  });

  const BAD: Record<string, RegExp> = {
    "w=0": /width must be an integer/,
    "w=-5": /width/,
    "w=abc": /width/,
    "w=1.5": /width/,
    "w=": /width/,
    "width=1e3": /width/,
    "h=0": /height/,
    "q=0": /quality/,
    "q=101": /quality/,
    "q=high": /quality/,
    "fit=stretch": /fit must be one of/,
    "format=gif": /format must be one of/,
    "format=bmp": /format/,
    "dpr=0.5": /dpr/,
    "dpr=abc": /dpr/,
    "dpr=NaN": /dpr/,
    "w=100&width=200": /more than once/,
    "w=100&w=200": /more than once/,
    "url=http://169.254.169.254/": /unknown parameter/,
    "src=//evil.example/x.jpg": /unknown parameter/,
    "w=10&h=5000": /ratio/,
    "w=2560&h=2600": /exceeds/,
  };
  for (const [query, reason] of Object.entries(BAD)) {
    it(`refuses ?${query} with 400`, () => {
      const refusal = refusalOf(() => parse(query));
      expect(refusal.status).toBe(400);
      expect(refusal.message).toMatch(reason);
    });
  }
});

describe("negotiation", () => {
  const auto = parse("");
  it("AVIF first, then WebP, then the original; wildcards and q=0 do not count", () => {
    expect(negotiate(auto, ACCEPT.avif, images)).toEqual({ kind: "format", format: "avif" });
    expect(negotiate(auto, ACCEPT.webp, images)).toEqual({ kind: "format", format: "webp" });
    expect(negotiate(auto, ACCEPT.none, images).kind).toBe("original");
    expect(negotiate(auto, "*/*", images).kind).toBe("original");
    expect(negotiate(auto, "image/avif;q=0,image/webp", images)).toEqual({ kind: "format", format: "webp" });
    expect(negotiate(auto, null, images).kind).toBe("original");
  });

  it("an explicit format wins over Accept", () => {
    expect(negotiate(parse("format=png"), ACCEPT.avif, images)).toEqual({ kind: "format", format: "png" });
  });

  it("only the model's formats are negotiated", () => {
    const webpOnly = { ...images, formats: ["webp" as const] };
    expect(negotiate(auto, ACCEPT.avif, webpOnly)).toEqual({ kind: "format", format: "webp" });
  });

  it("the original falls back to a universal format the client can decode", () => {
    const header = { width: 1, height: 1, orientation: 1, animated: false };
    const none = parseAccept(ACCEPT.none);
    expect(originalFormat({ ...header, format: "webp", alpha: false }, none)).toBe("jpeg");
    expect(originalFormat({ ...header, format: "webp", alpha: true }, none)).toBe("png");
    expect(originalFormat({ ...header, format: "webp", alpha: false }, { avif: false, webp: true })).toBe(
      "webp",
    );
    expect(originalFormat({ ...header, format: "jpeg", alpha: false }, none)).toBe("jpeg");
  });
});

describe("variant cache key", () => {
  const key = (query: string, accept: string) => {
    const params: ImageParams = parse(query);
    return variantKey("https://shop.test", "/images/a.jpg", params, negotiate(params, accept, images), images)
      .url;
  };

  it("equivalent requests share one key; formats never do", () => {
    expect(key("w=300", ACCEPT.avif)).toBe(key("width=320&dpr=1", ACCEPT.avif));
    expect(key("w=160&dpr=2", ACCEPT.avif)).toBe(key("w=320", ACCEPT.avif));
    expect(key("q=80&w=320", ACCEPT.avif)).toBe(key("w=320&q=80", ACCEPT.avif));
    expect(key("w=320", ACCEPT.avif)).not.toBe(key("w=320", ACCEPT.webp));
    expect(key("w=320", ACCEPT.webp)).not.toBe(key("w=320", ACCEPT.none));
    expect(key("w=320", ACCEPT.avif)).toBe(
      `https://shop.test/images/a.jpg?fit=scale-down&fmt=avif&q=${images.qualityByFormat.avif}&v=2&w=320`,
    );
    expect(key("w=320&q=80", ACCEPT.avif)).toBe(
      "https://shop.test/images/a.jpg?fit=scale-down&fmt=avif&q=80&v=2&w=320",
    );
  });

  it("q is the quality used: the model's per-format default without a client q", () => {
    const keyWith = (qualityByFormat: typeof images.qualityByFormat, accept: string) => {
      const params = parse("w=320");
      const changed = { ...images, qualityByFormat };
      return variantKey(
        "https://shop.test",
        "/images/a.jpg",
        params,
        negotiate(params, accept, changed),
        changed,
      ).url;
    };
    const q = images.qualityByFormat;
    expect(keyWith(q, ACCEPT.webp)).toBe(key("w=320", ACCEPT.webp));
    expect(keyWith(q, ACCEPT.webp)).toBe(key(`w=320&q=${q.webp}`, ACCEPT.webp));
    expect(keyWith({ ...q, webp: q.webp - 9 }, ACCEPT.webp)).not.toBe(key("w=320", ACCEPT.webp));
    expect(keyWith({ ...q, webp: q.webp - 9 }, ACCEPT.avif)).toBe(key("w=320", ACCEPT.avif)); // not its format
    // "original": each format the source may be encoded to, unless they all agree.
    expect(keyWith({ ...q, jpeg: 70 }, ACCEPT.none)).toMatch(/[?&]q=jpeg70%2Bpng\d+&/);
    expect(key("w=320&q=70", ACCEPT.none)).toMatch(/[?&]q=70&/);
  });

  it("the key covers every format a build may encode to (so every quality used is in it)", () => {
    const accepts = [
      { avif: false, webp: false },
      { avif: false, webp: true },
      { avif: true, webp: false },
      { avif: true, webp: true },
    ];
    const formats = ["jpeg", "png", "gif", "webp", "avif", "heic"] as const;
    for (const a of accepts) {
      const n = { kind: "original", accepts: a } as const;
      const possible = possibleOutputFormats(n);
      for (const format of formats) {
        for (const alpha of [false, true]) {
          for (const resized of [false, true]) {
            const header = { format, alpha, width: 1, height: 1, orientation: 1, animated: false };
            const chosen = outputFormatFor(header, n, resized);
            if (chosen !== null) expect(possible, JSON.stringify({ a, format, alpha })).toContain(chosen);
          }
        }
      }
    }
    expect(possibleOutputFormats({ kind: "format", format: "webp" })).toEqual(["webp"]);
  });

  it("what the original means depends on what the client decodes", () => {
    expect(negotiatedToken({ kind: "original", accepts: { avif: false, webp: true } })).toBe("original+webp");
    expect(negotiatedToken({ kind: "original", accepts: { avif: false, webp: false } })).toBe("original");
  });
});

describe("source paths", () => {
  const path = (p: string) => sourcePathOf(new URL(`https://shop.test${p}`), images.sourcePathPrefix);

  it("accepts plain paths under the prefix", () => {
    expect(path("/images/products/shoe-1.jpg")).toBe("/images/products/shoe-1.jpg");
    expect(path("/images/caf%C3%A9.png")).toBe("/images/caf%C3%A9.png");
    // The URL parser turns "\\" into "/" and resolves the dot segment before we see the path.
    expect(path("/images/a\\..\\b.jpg")).toBe("/images/b.jpg");
  });

  const HOSTILE = [
    "/images/../etc/passwd",
    "/images/%2e%2e/%2e%2e/secret.jpg",
    "/images/..%2f..%2fetc/passwd",
    "/images/%2F%2Fevil.example/x.jpg",
    "/images//evil.example/x.jpg",
    "/images/http://evil.example/x.jpg",
    "/images/https:%2F%2Fevil.example/x.jpg",
    "/images/a%5c..%5cb.jpg",
    "/images/x.jpg%00.png",
    "/images/%252e%252e/x.jpg",
    "/images/%zz.jpg",
    "/images/",
    "/images",
    "/other/x.jpg",
    "/imagesx/a.jpg",
  ];
  for (const p of HOSTILE) {
    it(`refuses ${p}`, () => expect(refusalOf(() => path(p)).status).toBe(400));
  }
});

describe("resize plan", () => {
  const header = { format: "jpeg" as const, orientation: 1, animated: false, alpha: false };

  it("follows the binding's fit semantics", () => {
    const source = { width: 1000, height: 500 };
    expect(predictOutput(source, "scale-down", 320)).toEqual({ width: 320, height: 160 });
    expect(predictOutput(source, "scale-down", 2000)).toEqual(source);
    expect(predictOutput(source, "contain", 2000)).toEqual({ width: 2000, height: 1000 });
    expect(predictOutput(source, "scale-down", 320, 320)).toEqual({ width: 320, height: 160 });
    expect(predictOutput(source, "cover", 320, 320)).toEqual({ width: 320, height: 320 });
  });

  it("EXIF orientation 5–8 swaps the displayed size", () => {
    const plan = planResize({ ...header, width: 4032, height: 3024, orientation: 6 }, parse("w=480"), images);
    expect(plan.source).toEqual({ width: 3024, height: 4032 });
    expect(plan.output).toEqual({ width: 480, height: 640 });
  });

  it("without a size, keeps the source size up to the largest ladder width within maxOutputPixels", () => {
    expect(planResize({ ...header, width: 800, height: 600 }, parse(""), images).resize).toBeNull();
    const tall = planResize({ ...header, width: 3024, height: 4032 }, parse(""), images);
    expect(tall.output.width * tall.output.height).toBeLessThanOrEqual(images.maxOutputPixels);
    expect(images.widths).toContain(tall.output.width);
  });

  it("refuses a requested output over maxOutputPixels for this source (422)", () => {
    const narrow = { ...header, width: 400, height: 30_000 };
    expect(refusalOf(() => planResize(narrow, parse("w=2560&fit=contain"), images)).status).toBe(422);
  });
});
