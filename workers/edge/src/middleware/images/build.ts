import { type ImageHeader, isCorruptImageError, MIME_TYPES, readImageHeader } from "./formats/index.ts";
import { type Negotiated, originalFormat, outputFormatFor } from "./negotiate.ts";
import { type ImageParams, type ImagesPolicy, qualityFor } from "./params.ts";
import { planResize, type ResizePlan } from "./plan.ts";
import { readBounded } from "./read-source.ts";
import { refuse } from "./refusal.ts";
import { hasSvgExtension } from "./source-path.ts";
import { transformImage } from "./transform.ts";

/** CSP for SVG passed through: no script, no fetches, sandboxed even when opened directly. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Fits that keep the source's aspect ratio, so a same-format original can stand in for the variant. */
const ASPECT_PRESERVING = new Set(["scale-down", "contain"]);

/** The bytes to serve for one variant, with their type and any extra headers. */
export interface BuiltImage {
  bytes: Uint8Array;
  contentType: string;
  headers?: Record<string, string>;
}

/**
 * Calls the origin through `fetchSource` and maps its failures: 404/410 → 404, a timeout → 504, anything
 * else but 200 (5xx, redirects: never followed) → 502.
 */
export async function fetchChecked(fetchSource: () => Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await fetchSource();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    refuse(timedOut ? 504 : 502, timedOut ? "origin timed out" : "origin unreachable");
  }
  if (res.status === 200) return res;
  await res.body?.cancel();
  if (res.status === 404 || res.status === 410) refuse(404, "source image not found");
  if (res.status === 504) refuse(504, "origin timed out"); // a fetchSource that answers its timeouts with 504
  refuse(502, `origin answered ${res.status} for the source image`);
}

/**
 * From the source response to the bytes to serve: bounded read, sniff and header checks (type, structure,
 * pixels) before any decode, then pass-through (SVG, animations) or resize/convert through the binding,
 * keeping the original when the variant is not smaller.
 */
export async function buildImage(
  source: Response,
  sourcePath: string,
  params: ImageParams,
  negotiated: Negotiated,
  binding: ImagesBinding,
  limits: ImagesPolicy,
): Promise<BuiltImage> {
  const bytes = await readBounded(source, limits.maxSourceBytes);
  let header: ImageHeader | null;
  try {
    header = readImageHeader(bytes);
  } catch (error) {
    if (isCorruptImageError(error)) refuse(422, `source image is corrupt: ${error.message}`);
    throw error;
  }
  if (!header) refuse(415, "source is not a supported image type");
  const original = { bytes, contentType: MIME_TYPES[header.format] };

  if (header.format === "svg") {
    if (!hasSvgExtension(sourcePath)) refuse(415, "SVG content under a non-.svg path is refused");
    if (limits.svg !== "sandbox") refuse(415, "SVG images are refused by policy");
    return { ...original, headers: { "Content-Security-Policy": SVG_CSP } };
  }
  if (header.width * header.height > limits.maxSourcePixels) {
    refuse(422, `source image ${header.width}x${header.height} exceeds ${limits.maxSourcePixels} pixels`);
  }
  // The binding would keep one frame (locally it does); animations pass through untouched.
  if (header.animated) return original;

  const plan = planResize(header, params, limits);
  const format = outputFormatFor(header, negotiated, plan.resize !== null);
  if (format === null) return original; // an unresized still GIF
  const out = await transformImage(binding, bytes, {
    plan,
    format,
    quality: qualityFor(format, params, limits),
    maxOutputPixels: limits.maxOutputPixels,
    decodable: (f) =>
      f === format ||
      f === "jpeg" ||
      f === "png" ||
      (f === "webp" && negotiated.kind === "original" && negotiated.accepts.webp),
  });
  if (
    out.bytes.byteLength >= bytes.byteLength &&
    originalMayReplace(header, params, negotiated, plan, out.header.format)
  ) {
    return original; // keep the original when the variant is not smaller
  }
  return { bytes: out.bytes, contentType: MIME_TYPES[out.header.format] };
}

/**
 * Whether the original bytes may be served instead of a variant that is not smaller: the client must be
 * able to decode the original (and not have asked for another format explicitly), and the original must
 * look the same — either nothing was resized, or it is the same format with the aspect ratio kept.
 */
function originalMayReplace(
  header: ImageHeader,
  params: ImageParams,
  negotiated: Negotiated,
  plan: ResizePlan,
  format: ImageHeader["format"],
): boolean {
  const decodable =
    params.format !== "auto"
      ? params.format === header.format
      : negotiated.kind === "original"
        ? originalFormat(header, negotiated.accepts) === header.format
        : header.format === "jpeg" || header.format === "png" || header.format === negotiated.format;
  if (!decodable) return false;
  return plan.resize === null || (format === header.format && ASPECT_PRESERVING.has(plan.resize.fit));
}
