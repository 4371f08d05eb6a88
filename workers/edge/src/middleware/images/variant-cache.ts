import type { Negotiated } from "./negotiate.ts";
import { negotiatedToken } from "./negotiate.ts";
import type { ImageParams } from "./params.ts";

/** Bump when the way variants are built changes, so old entries are never served for new semantics. */
const VARIANT_VERSION = "2"; // 2: no q → the per-format default quality

/**
 * Cache key of one variant: the source path plus the normalized parameters (sorted) and the negotiated
 * format, so `?w=300` and `?width=320&dpr=1` share one entry while AVIF and WebP clients never do.
 * Without a size, fit does not change the output and is left out; without a quality, q=auto (the output
 * format's default from the model).
 */
export function variantKey(
  origin: string,
  sourcePath: string,
  params: ImageParams,
  negotiated: Negotiated,
): Request {
  const sized = params.width !== undefined || params.height !== undefined;
  const parts: Record<string, string> = {
    fmt: negotiatedToken(negotiated),
    q: params.quality === undefined ? "auto" : String(params.quality),
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
