import { type Negotiated, negotiatedToken, possibleOutputFormats } from "./negotiate.ts";
import { type ImageParams, type ImagesPolicy, qualityFor } from "./params.ts";

/**
 * Bump when the way variants are built changes, so old entries are never served for new semantics.
 * Not bumped when `q` became the quality used instead of `auto`: no new key is spelled like an old `auto`
 * one, and an old numeric `q` was built with exactly that quality, which is what the same key means now.
 */
const VARIANT_VERSION = "2"; // 2: no q → the per-format default quality

/**
 * The `q` of a key: the quality each possible output format is encoded with — `qualityFor`, the value
 * `buildImage` hands to the Images binding — so a model change of `images.qualityByFormat` or
 * `defaultQuality` gives new keys instead of old variants. One number when they agree (always, with a
 * client q), else per format, e.g. `jpeg80+png75+webp79` for an "original" negotiation.
 */
export function keyQuality(params: ImageParams, negotiated: Negotiated, images: ImagesPolicy): string {
  const byFormat = possibleOutputFormats(negotiated).map((format) => ({
    format,
    quality: qualityFor(format, params, images),
  }));
  if (new Set(byFormat.map((f) => f.quality)).size === 1) return String(byFormat[0]!.quality);
  return byFormat.map((f) => `${f.format}${f.quality}`).join("+");
}

/**
 * Cache key of one variant: the source path plus the normalized parameters (sorted) and the negotiated
 * format, so `?w=300` and `?width=320&dpr=1` share one entry while AVIF and WebP clients never do.
 * Without a size, fit does not change the output and is left out; `q` is the quality used (`keyQuality`),
 * so `?w=320` and `?w=320&q=79` share an entry when the model's WebP default is 79.
 */
export function variantKey(
  origin: string,
  sourcePath: string,
  params: ImageParams,
  negotiated: Negotiated,
  images: ImagesPolicy,
): Request {
  const sized = params.width !== undefined || params.height !== undefined;
  const parts: Record<string, string> = {
    fmt: negotiatedToken(negotiated),
    q: keyQuality(params, negotiated, images),
    v: VARIANT_VERSION,
    ...(sized && { fit: params.fit }),
    ...(params.width !== undefined && { w: String(params.width) }),
    ...(params.height !== undefined && { h: String(params.height) }),
  };
  const query = Object.keys(parts)
    .sort()
    .map((k) => `${k}=${encodeURIComponent(parts[k]!)}`)
    .join("&");
  return new Request(`${origin}${sourcePath}?${query}`, { method: "GET" });
}

/** Short strong validator from the variant bytes. */
export async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

/** RFC 9110 If-None-Match (weak comparison, as for GET). */
export function matchesIfNoneMatch(header: string | null, etag: string | null): boolean {
  if (!header || !etag) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}
