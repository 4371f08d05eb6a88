/** What one response meant for the CDN hit ratio. */
export type CacheOutcome = "hit" | "miss" | "bypass" | "none";

const BYPASS_FWD = new Set(["bypass", "method", "request", "no-cache"]);

/**
 * Reads an RFC 9211 `Cache-Status` header as the edge cache writes it (`<cache>; hit`, `<cache>; fwd=uri-miss;
 * stored`, `<cache>; fwd=bypass`): `hit` when the edge answered from its cache, `bypass` when the request was
 * never eligible (method, credentials, a bypass class), `miss` for every other forward (miss, stale, vary…),
 * `none` without the header (classes the edge does not cache). Only the first (outermost) cache counts.
 */
export function cacheOutcome(header: string | null): CacheOutcome {
  if (!header) return "none";
  const first = header.split(",")[0] ?? "";
  const params = first
    .split(";")
    .slice(1)
    .map((p) => p.trim().toLowerCase());
  if (params.includes("hit")) return "hit";
  const fwd = params.find((p) => p.startsWith("fwd="))?.slice(4);
  if (fwd !== undefined && BYPASS_FWD.has(fwd)) return "bypass";
  return "miss";
}
