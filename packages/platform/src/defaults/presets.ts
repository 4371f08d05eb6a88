import type { CachePolicy } from "../schema/routes.ts";
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from "./units.ts";

/**
 * Named cache policies for route classes, so a product picks a behaviour by name instead of copying a block.
 * Each returns a fresh object; spread it and override a field when a class needs one difference.
 */
const cacheable = {
  mode: "cache",
  methods: ["GET", "HEAD"],
  bypassOnAuthorization: true,
  bypassOnCookies: ["session", "sid"],
  varyOnAccept: false,
} satisfies Partial<CachePolicy>;

/** Fingerprinted or otherwise never-changing URLs: a year at the edge and in browsers, `immutable`. */
export const immutableAsset = (): CachePolicy => ({
  ...cacheable,
  edgeTtlSeconds: SECONDS_PER_YEAR,
  browserTtlSeconds: SECONDS_PER_YEAR,
  staleWhileRevalidateSeconds: 0,
  staleIfErrorSeconds: SECONDS_PER_DAY,
  immutable: true,
  // The URL names the content: the origin's headers cannot make it fresher, and no cookie personalises it.
  respectOriginCacheControl: false,
  bypassOnAuthorization: false,
  bypassOnCookies: [],
});

export interface RevalidatingOptions {
  /** Seconds the edge keeps a response. */
  edgeTtlSeconds: number;
  /** Seconds browsers keep it. @default 0 (browsers always ask the edge) */
  browserTtlSeconds?: number;
  /** Seconds after expiry the edge may serve stale while it refreshes. */
  staleWhileRevalidateSeconds: number;
  /** Seconds after expiry the edge may serve stale when the origin fails. */
  staleIfErrorSeconds: number;
}

/** Content that changes: short edge TTL, stale-while-revalidate, the origin's Cache-Control honoured. */
export const revalidating = (options: RevalidatingOptions): CachePolicy => ({
  ...cacheable,
  edgeTtlSeconds: options.edgeTtlSeconds,
  browserTtlSeconds: options.browserTtlSeconds ?? 0,
  staleWhileRevalidateSeconds: options.staleWhileRevalidateSeconds,
  staleIfErrorSeconds: options.staleIfErrorSeconds,
  immutable: false,
  respectOriginCacheControl: true,
});

/** Never stored: every request goes to the origin (WebSockets, personal data). */
export const passThrough = (): CachePolicy => ({
  ...cacheable,
  mode: "bypass",
  edgeTtlSeconds: 0,
  browserTtlSeconds: 0,
  staleWhileRevalidateSeconds: 0,
  staleIfErrorSeconds: 0,
  immutable: false,
  respectOriginCacheControl: true,
});
