import type { WorkerPolicy } from "../../policy.ts";
import { refuse } from "./refusal.ts";

export type ImagesPolicy = WorkerPolicy["images"];
export type Fit = "scale-down" | "contain" | "cover" | "crop" | "pad" | "squeeze";
export type OutputFormat = "avif" | "webp" | "jpeg" | "png";

export const FITS: readonly Fit[] = ["scale-down", "contain", "cover", "crop", "pad", "squeeze"];
const ALIASES: Record<string, string> = { w: "width", h: "height", q: "quality" };
const KNOWN = new Set(["width", "height", "quality", "fit", "format", "dpr"]);
const INTEGER = /^[0-9]{1,6}$/;
const DECIMAL = /^[0-9]{1,2}(\.[0-9]{1,3})?$/;
const MIN_RATIO = 0.01;
const MAX_RATIO = 100;

/** A parsed, normalized image request: every field is what the variant will be built with. */
export interface ImageParams {
  /** Box width in device pixels, snapped up to the ladder; undefined = no width asked. */
  width?: number;
  /** Box height in device pixels (ladder-snapped alone, or from the requested aspect ratio with a width). */
  height?: number;
  /** Asked by the request, clamped into the model's range; undefined = the output format's default. */
  quality?: number;
  fit: Fit;
  /** "auto" negotiates from Accept; otherwise the client asked for this format. */
  format: "auto" | OutputFormat;
}

/** The smallest ladder step ≥ `px`, or the top of the ladder. */
export function snapUp(px: number, ladder: readonly number[]): number {
  for (const step of ladder) if (step >= px) return step;
  return ladder[ladder.length - 1]!;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) refuse(400, `${name} must be an integer from ${min} to ${max}`);
  return value;
}

/**
 * Parses `width|w`, `height|h`, `quality|q`, `fit`, `format`, `dpr`. Unknown parameters are refused (they
 * would either split the cache without bound or be silently ignored); the model's tracking parameters
 * are dropped. dpr multiplies before snapping and is capped by maxDpr; the ladder's top caps the width.
 */
export function parseImageParams(
  query: URLSearchParams,
  images: ImagesPolicy,
  ignoredParams: readonly string[],
): ImageParams {
  const seen = new Map<string, string>();
  for (const [rawName, value] of query) {
    if (ignoredParams.includes(rawName)) continue;
    const name = ALIASES[rawName] ?? rawName;
    if (!KNOWN.has(name)) refuse(400, `unknown parameter "${rawName.slice(0, 32)}"`);
    if (seen.has(name)) refuse(400, `${name} is given more than once`);
    seen.set(name, value);
  }
  const ladder = images.widths;
  const formats: readonly string[] = ["auto", ...images.formats, "jpeg", "png"];

  let dpr = 1;
  const rawDpr = seen.get("dpr");
  if (rawDpr !== undefined) {
    dpr = DECIMAL.test(rawDpr) ? Number(rawDpr) : Number.NaN;
    if (!(dpr >= 1)) refuse(400, `dpr must be a number from 1 to ${images.maxDpr}`);
    dpr = Math.min(dpr, images.maxDpr);
  }
  const rawWidth = seen.get("width");
  const rawHeight = seen.get("height");
  const askedWidth = rawWidth === undefined ? undefined : integer("width", rawWidth, 1, 100_000);
  const askedHeight = rawHeight === undefined ? undefined : integer("height", rawHeight, 1, 100_000);

  const params: ImageParams = {
    fit: "scale-down",
    format: "auto",
  };
  if (askedWidth !== undefined) {
    params.width = snapUp(Math.ceil(askedWidth * dpr), ladder);
    if (askedHeight !== undefined) {
      // The height follows the snapped width at the asked ratio: an integer ≤ maxOutputPixels / width,
      // so the variants per width stay bounded without rounding the ratio itself.
      const ratio = askedHeight / askedWidth;
      if (ratio < MIN_RATIO || ratio > MAX_RATIO) {
        refuse(400, `height/width ratio must be from ${MIN_RATIO} to ${MAX_RATIO}`);
      }
      params.height = Math.max(1, Math.round(params.width * ratio));
    }
  } else if (askedHeight !== undefined) {
    params.height = snapUp(Math.ceil(askedHeight * dpr), ladder);
  }
  if (params.width !== undefined && params.height !== undefined) {
    if (params.width * params.height > images.maxOutputPixels) {
      refuse(400, `output ${params.width}x${params.height} exceeds ${images.maxOutputPixels} pixels`);
    }
  }

  const rawQuality = seen.get("quality");
  if (rawQuality !== undefined) {
    const q = integer("quality", rawQuality, 1, 100);
    params.quality = Math.min(images.maxQuality, Math.max(images.minQuality, q));
  }
  const rawFit = seen.get("fit");
  if (rawFit !== undefined) {
    if (!(FITS as readonly string[]).includes(rawFit)) refuse(400, `fit must be one of ${FITS.join(", ")}`);
    params.fit = rawFit as Fit;
  }
  const rawFormat = seen.get("format");
  if (rawFormat !== undefined) {
    const format = rawFormat === "jpg" ? "jpeg" : rawFormat;
    if (!formats.includes(format)) refuse(400, `format must be one of ${formats.join(", ")}`);
    params.format = format as ImageParams["format"];
  }
  return params;
}

/**
 * The quality to encode `format` with: the request's (already clamped) or the model's per-format default
 * (codecs reach the same look at different numbers); PNG is lossless and takes defaultQuality, unused.
 */
export function qualityFor(format: OutputFormat, params: ImageParams, images: ImagesPolicy): number {
  if (params.quality !== undefined) return params.quality;
  return format === "png" ? images.defaultQuality : images.qualityByFormat[format];
}
