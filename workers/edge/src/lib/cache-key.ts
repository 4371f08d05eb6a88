import type { WorkerPolicy } from "../policy.ts";

/**
 * Builds the normalized cache key of a request URL: scheme, host and path as sent, the query sorted and stripped
 * of the model's tracking parameters. Nothing from request headers enters the key (unkeyed headers cannot
 * split or poison it); varying headers are added separately by the cache (see `variantKey`).
 */
export function cacheKeyBuilder(cacheKey: WorkerPolicy["cacheKey"]): (url: URL) => string {
  const ignored = new Set(cacheKey.ignoredQueryParams);
  return (url) => {
    const base = `${url.protocol}//${url.host}${url.pathname}`;
    if (url.search.length <= 1) return base;
    const kept: [string, string][] = [];
    for (const pair of url.searchParams) if (!ignored.has(pair[0])) kept.push(pair);
    if (kept.length === 0) return base;
    if (cacheKey.sortQuery)
      kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return `${base}?${new URLSearchParams(kept).toString()}`;
  };
}

/** The key of one variant of a response that varies on request headers. */
export function variantKey(key: string, varyValues: string): string {
  return `${key}${key.includes("?") ? "&" : "?"}__edge_vary=${encodeURIComponent(varyValues)}`;
}
