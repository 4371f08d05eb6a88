/**
 * The one builder of `Cache-Status` values (RFC 9211 §2): the cache's name, then `hit` or `fwd=<reason>`,
 * then the parameters in a fixed order. Every response of a cacheable class gets exactly one.
 */

/** Why the request went forward (RFC 9211 §2.2; `vary-miss`, `method`, `request`, `bypass`, `stale` as defined there). */
export type Forward = "miss" | "vary-miss" | "stale" | "method" | "request" | "bypass";

export interface CacheStatusFields {
  /** Served from the cache without contacting the origin (RFC 9211 `hit`). */
  hit?: boolean;
  /** Why the origin was contacted (RFC 9211 `fwd`); ignored with `hit`. */
  fwd?: Forward;
  /** The origin's status code (RFC 9211 `fwd-status`). */
  fwdStatus?: number;
  /** Seconds of freshness left, negative once stale (RFC 9211 `ttl`). */
  ttl?: number;
  /** The origin's response was stored (RFC 9211 `stored`). */
  stored?: boolean;
  /** Answered from another request's origin fetch (RFC 9211 `collapsed`). */
  collapsed?: boolean;
  /** Implementation detail: why not stored, which stale rule applied (RFC 9211 `detail`). */
  detail?: string;
}

/** `name; hit; ttl=287`, `name; fwd=miss; fwd-status=200; stored; collapsed`, `name; fwd=request; detail=authorization`. */
export function cacheStatus(name: string, f: CacheStatusFields): string {
  let out = f.hit ? `${name}; hit` : `${name}; fwd=${f.fwd ?? "miss"}`;
  if (!f.hit && f.fwdStatus !== undefined) out += `; fwd-status=${f.fwdStatus}`;
  if (f.ttl !== undefined) out += `; ttl=${f.ttl}`;
  if (f.stored) out += "; stored";
  if (f.collapsed) out += "; collapsed";
  if (f.detail) out += `; detail=${f.detail}`;
  return out;
}
