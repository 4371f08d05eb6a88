import type { CachePolicy } from "@edge/platform";
import { parseCacheControl, seconds } from "../../lib/cache-control.ts";
import { FILL_FORWARDED } from "../../lib/origin.ts";
import { HOP_BY_HOP } from "../../lib/respond.ts";
import type { PreparedHeaders } from "../security-headers/index.ts";
import { servedValidator } from "./conditional.ts";

/**
 * The one bookkeeping header of a stored entry (never sent downstream): fill time, lifetimes, tags, Vary and the
 * downstream Cache-Control, form-encoded. One header keeps the hit path to one read and one delete.
 */
export const META_HEADER = "x-edge-meta";

/** What the cache knows about a stored entry. */
export interface EntryMeta {
  filledAt: number;
  freshSeconds: number;
  swrSeconds: number;
  sieSeconds: number;
  /** Comma-separated Cache-Tag values. */
  tags: string;
  /** Request headers the entry varies on (comma-separated, lower case); "" if none. */
  vary: string;
  /** The values those headers had for this entry (see varyValuesOf). */
  varyValues: string;
  /** Cache-Control sent downstream. */
  cacheControl: string;
  /** Fingerprint of the security headers stored with the entry ("" if none were). */
  prepared: string;
}

export function encodeMeta(meta: EntryMeta): string {
  return new URLSearchParams({
    f: String(meta.filledAt),
    t: String(meta.freshSeconds),
    r: String(meta.swrSeconds),
    e: String(meta.sieSeconds),
    g: meta.tags,
    v: meta.vary,
    w: meta.varyValues,
    c: meta.cacheControl,
    p: meta.prepared,
  }).toString();
}

/** Parsed bookkeeping by its raw header value: a hot entry is parsed once per isolate, not once per hit. */
const parsedMeta = new Map<string, EntryMeta>();
/** Bound of {@link parsedMeta}; cleared when full (entries are small, refills are cheap). */
const PARSED_META_MAX = 4096;

/** The entry's bookkeeping, or undefined if the entry is not ours. The result is shared: never mutate it. */
export function readMeta(headers: Headers): Readonly<EntryMeta> | undefined {
  const raw = headers.get(META_HEADER);
  if (!raw) return undefined;
  let meta = parsedMeta.get(raw);
  if (!meta) {
    meta = parseMeta(raw);
    if (parsedMeta.size >= PARSED_META_MAX) parsedMeta.clear();
    parsedMeta.set(raw, meta);
  }
  return meta;
}

function parseMeta(raw: string): EntryMeta {
  const p = new URLSearchParams(raw);
  return {
    filledAt: Number(p.get("f")) || 0,
    freshSeconds: Number(p.get("t")) || 0,
    swrSeconds: Number(p.get("r")) || 0,
    sieSeconds: Number(p.get("e")) || 0,
    tags: p.get("g") ?? "",
    vary: p.get("v") ?? "",
    varyValues: p.get("w") ?? "",
    cacheControl: p.get("c") ?? "no-store",
    prepared: p.get("p") ?? "",
  };
}

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

/**
 * Headers and bookkeeping of the stored copy: origin headers minus hop-by-hop ones, plus — when given — the
 * class's security headers, so that a hit is served with only Cache-Control, Age and Cache-Status set.
 */
export function storedHeaders(
  res: Response,
  plan: StoragePlan,
  filledAt: number,
  varyValues: string,
  prepared?: PreparedHeaders,
): { headers: Headers; meta: EntryMeta } {
  const headers = new Headers(res.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  if (prepared) {
    for (const name of prepared.remove) headers.delete(name);
    for (const [name, value] of prepared.set) headers.set(name, value);
  }
  headers.delete("vary");
  headers.delete("cache-tag");
  headers.delete("age");
  const etag = servedValidator(res.headers.get("etag"), false, plan.vary ? varyValues : "");
  if (etag) headers.set("etag", etag);
  const meta: EntryMeta = {
    filledAt,
    freshSeconds: plan.freshSeconds,
    swrSeconds: plan.swrSeconds,
    sieSeconds: plan.sieSeconds,
    tags: plan.tags,
    vary: plan.vary,
    varyValues: plan.vary ? varyValues : "",
    cacheControl: plan.cacheControl,
    prepared: prepared?.fingerprint ?? "",
  };
  headers.set(META_HEADER, encodeMeta(meta));
  // What the Cache API itself sees: keep the entry for its whole usable life, stale windows included.
  headers.set(
    "cache-control",
    `public, max-age=${plan.freshSeconds + Math.max(plan.swrSeconds, plan.sieSeconds)}`,
  );
  return { headers, meta };
}

/** The downstream copy of stored headers: bookkeeping removed, Cache-Control, Vary and Age restored. */
export function servedHeaders(
  stored: Headers,
  meta: EntryMeta,
  cacheStatus: string,
  ageSeconds: number,
): Headers {
  const headers = new Headers(stored);
  restoreServedHeaders(headers, meta, cacheStatus, ageSeconds);
  return headers;
}

/** {@link servedHeaders} in place, on a copy the caller owns. */
export function restoreServedHeaders(
  headers: Headers,
  meta: EntryMeta,
  cacheStatus: string,
  ageSeconds: number,
): void {
  headers.delete(META_HEADER);
  headers.set("cache-control", meta.cacheControl);
  if (meta.vary) headers.set("vary", meta.vary);
  headers.set("age", String(Math.max(0, ageSeconds)));
  headers.set("cache-status", cacheStatus);
}

/** Freshness of a stored entry, from its own bookkeeping (the local Cache API always reports Age: 0). */
export interface Freshness {
  ageMs: number;
  freshMs: number;
  /** Seconds since the fill. */
  age: number;
  /** Seconds of freshness left; negative once stale (RFC 9211 `ttl`). */
  ttl: number;
}

export function freshnessOf(meta: EntryMeta, now: number): Freshness {
  const ageMs = now - meta.filledAt;
  const freshMs = meta.freshSeconds * 1000;
  return { ageMs, freshMs, age: Math.floor(ageMs / 1000), ttl: Math.floor((freshMs - ageMs) / 1000) };
}
