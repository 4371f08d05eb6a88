import type { CachePolicy } from "@edge/platform";
import { parseCacheControl, seconds } from "../../lib/cache-control.ts";
import { FILL_FORWARDED } from "../../lib/origin.ts";
import { HOP_BY_HOP } from "../../lib/respond.ts";

/** Bookkeeping headers of a stored entry; never sent downstream. */
export const ENTRY = {
  filled: "x-edge-filled",
  fresh: "x-edge-fresh",
  swr: "x-edge-swr",
  sie: "x-edge-sie",
  tags: "x-edge-tags",
  cacheControl: "x-edge-cache-control",
  vary: "x-edge-vary",
  varyValues: "x-edge-vary-values",
} as const;
const ENTRY_HEADERS = Object.values(ENTRY);

/** Statuses stored without explicit freshness (RFC 9110 §15.1 heuristically cacheable, narrowed). */
const STORABLE = new Set([200, 203]);
/** Statuses stored only when the origin states a lifetime (negative caching is the origin's call). */
const STORABLE_WITH_LIFETIME = new Set([204, 300, 301, 308, 404, 410]);
/** Statuses that can carry no body. */
export const NULL_BODY = new Set([101, 204, 205, 304]);

/** How a response is stored, or why not. */
export interface StoragePlan {
  freshSeconds: number;
  swrSeconds: number;
  sieSeconds: number;
  /** Cache-Control sent downstream with every copy. */
  cacheControl: string;
  tags: string;
  /** Request headers the response varies on (lower case, comma-separated; only ones a fill forwards). */
  vary: string;
}

/** Varying on these makes a response personal: never stored. */
const PERSONAL_VARY = new Set(["*", "cookie", "authorization"]);

/**
 * Decides whether and for how long a response from the origin may be stored, honouring the origin's
 * Cache-Control (within the class TTL) when the class says so. Never stores Set-Cookie responses.
 * @returns the plan, or the reason it is not stored (an RFC 9211 `detail`).
 */
export function planStorage(
  res: Response,
  cache: CachePolicy,
  classCacheControl: string,
): StoragePlan | string {
  const headers = res.headers;
  if (headers.has("set-cookie")) return "set-cookie";
  let fresh = cache.edgeTtlSeconds;
  let swr = cache.staleWhileRevalidateSeconds;
  let sie = cache.staleIfErrorSeconds;
  const originCacheControl = headers.get("cache-control");
  if (cache.respectOriginCacheControl) {
    const cc = parseCacheControl(originCacheControl);
    if (cc.has("no-store")) return "no-store";
    if (cc.has("private")) return "private";
    if (cc.has("no-cache")) return "no-cache";
    const lifetime = seconds(cc, "s-maxage") ?? seconds(cc, "max-age");
    if (!STORABLE.has(res.status) && !(lifetime !== undefined && STORABLE_WITH_LIFETIME.has(res.status)))
      return "status";
    if (lifetime !== undefined) fresh = Math.min(lifetime, fresh);
    swr = Math.min(seconds(cc, "stale-while-revalidate") ?? swr, swr);
    sie = Math.min(seconds(cc, "stale-if-error") ?? sie, sie);
  } else if (!STORABLE.has(res.status)) return "status";
  if (fresh <= 0) return "zero-ttl";
  const varyNames: string[] = [];
  for (const raw of (headers.get("vary") ?? "").split(",")) {
    const name = raw.trim().toLowerCase();
    if (!name || name === "accept-encoding") continue; // the runtime decodes and re-encodes bodies itself
    if (PERSONAL_VARY.has(name)) return "vary";
    // Headers a fill never forwards cannot have changed the response: nothing to key on.
    if ((FILL_FORWARDED as readonly string[]).includes(name) && !varyNames.includes(name))
      varyNames.push(name);
  }
  const tags = (headers.get("cache-tag") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .join(",");
  return {
    freshSeconds: fresh,
    swrSeconds: swr,
    sieSeconds: sie,
    cacheControl:
      cache.respectOriginCacheControl && originCacheControl ? originCacheControl : classCacheControl,
    tags,
    vary: varyNames.join(","),
  };
}

/** The values a request has for the vary names of an entry, as one comparable string. */
export function varyValuesOf(vary: string, request: Headers): string {
  return vary
    .split(",")
    .map((name) => request.get(name) ?? "")
    .join("\n");
}

/** Headers of the stored copy: origin headers minus hop-by-hop ones, plus bookkeeping. */
export function storedHeaders(
  res: Response,
  plan: StoragePlan,
  filledAt: number,
  varyValues: string,
): Headers {
  const headers = new Headers(res.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  headers.delete("vary");
  headers.delete("cache-tag");
  headers.delete("age");
  headers.set(ENTRY.filled, String(filledAt));
  headers.set(ENTRY.fresh, String(plan.freshSeconds));
  headers.set(ENTRY.swr, String(plan.swrSeconds));
  headers.set(ENTRY.sie, String(plan.sieSeconds));
  headers.set(ENTRY.cacheControl, plan.cacheControl);
  if (plan.tags) headers.set(ENTRY.tags, plan.tags);
  if (plan.vary) {
    headers.set(ENTRY.vary, plan.vary);
    headers.set(ENTRY.varyValues, encodeURIComponent(varyValues));
  }
  // What the Cache API itself sees: keep the entry for its whole usable life, stale windows included.
  headers.set(
    "cache-control",
    `public, max-age=${plan.freshSeconds + Math.max(plan.swrSeconds, plan.sieSeconds)}`,
  );
  return headers;
}

/** The downstream copy of stored headers: bookkeeping removed, Cache-Control, Vary and Age restored. */
export function servedHeaders(stored: Headers, cacheStatus: string, ageSeconds: number): Headers {
  const headers = new Headers(stored);
  const vary = stored.get(ENTRY.vary);
  headers.set("cache-control", stored.get(ENTRY.cacheControl) ?? "no-store");
  for (const name of ENTRY_HEADERS) headers.delete(name);
  if (vary) headers.set("vary", vary);
  headers.set("age", String(Math.max(0, ageSeconds)));
  headers.set("cache-status", cacheStatus);
  return headers;
}

/** Freshness of a stored entry, from its own bookkeeping (the local Cache API always reports Age: 0). */
export interface Freshness {
  filledAt: number;
  ageMs: number;
  freshMs: number;
  /** Seconds since the fill. */
  age: number;
  /** Seconds of freshness left; negative once stale (RFC 9211 `ttl`). */
  ttl: number;
  swr: number;
  sie: number;
  tags: string[];
}

export function freshnessOf(stored: Headers, now: number): Freshness {
  const filledAt = Number(stored.get(ENTRY.filled)) || 0;
  const ageMs = now - filledAt;
  const fresh = Number(stored.get(ENTRY.fresh)) || 0;
  const tags = stored.get(ENTRY.tags);
  return {
    filledAt,
    ageMs,
    freshMs: fresh * 1000,
    age: Math.floor(ageMs / 1000),
    ttl: Math.floor((fresh * 1000 - ageMs) / 1000),
    swr: Number(stored.get(ENTRY.swr)) || 0,
    sie: Number(stored.get(ENTRY.sie)) || 0,
    tags: tags ? tags.split(",") : [],
  };
}
