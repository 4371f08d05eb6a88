import type { RouteClass } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import type { Context, MiddlewareHandler } from "hono";
import { type Origin, OriginError, passToOrigin } from "../../lib/origin.ts";
import { personalCacheControl, personalReason } from "../../lib/personal.ts";
import type { PurgeLog } from "../../lib/purge-log.ts";
import { mutableCopy, waitUntil } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";
import type { PreparedHeaders } from "../security-headers/index.ts";
import { cacheStatus, type Forward } from "./cache-status.ts";
import { Flights, fitsWaiter } from "./collapse.ts";
import { isConditional, isNotModified, notModified, ownValidator } from "./conditional.ts";
import { freshnessOf } from "./entry.ts";
import { type Fill, filler } from "./fill.ts";
import { type Found, lookupEntry } from "./lookup.ts";
import { answerFill, type Stale, serveEntry } from "./serve.ts";

export interface EdgeCacheOptions {
  /** The route class whose `cache` policy applies. */
  routeClass: RouteClass;
  /** Where fills and bypassed requests go. */
  origin: Origin;
  /** RFC 9211 cache name in `Cache-Status` (the model's `edge.scriptName`). */
  cacheName: string;
  /** Normalized cache key of a request URL (see `cacheKeyBuilder`). */
  keyFor: (url: URL) => string;
  /** Purges recorded by the purge endpoint; an entry filled before a matching purge counts as absent. */
  purgeLog: PurgeLog;
  /**
   * Buffer fills and collapse concurrent misses of one key into one origin fetch (API responses).
   * When false, fills stream to the client and into the cache at once (pages, static files).
   * @default false
   */
  coalesce?: boolean;
  /** Most requests that wait for one collapsed fill; more go to the origin themselves. @default 1000 */
  maxCoalescedWaiters?: number;
  /** Rewrites origin responses before they are stored and served (e.g. HTML minification). */
  transform?: (res: Response) => Response;
  /** The Cache API cache. @default caches.default */
  cache?: Cache;
  /**
   * The class's security headers, stored with each entry so that a hit needs no header work but Cache-Control,
   * Age and Cache-Status (the security-headers middleware passes such hits through). Undefined for nonce
   * profiles. @default undefined — the security-headers middleware adds them to every response
   */
  preparedHeaders?: PreparedHeaders;
}

type Ctx = Context<EdgeEnv>;

/** How many raw URLs' normalized keys are remembered per class and isolate. */
const KEY_MEMO_SIZE = 4096;

/**
 * HTTP caching at the edge with the Cache API: normalized keys, origin Cache-Control and Vary honoured, purge
 * by tag/prefix, stale-while-revalidate (one background refresh), stale-if-error, collapsed misses and an
 * RFC 9211 `Cache-Status` on every response of a cacheable class. Lookup (`lookup.ts`) → serve (`serve.ts`)
 * or fill (`fill.ts`, one routine, buffered or streamed).
 *
 * @example app.use(edgeCache({ routeClass: policy.routeClasses.api, origin, cacheName, keyFor, purgeLog, coalesce: true }))
 */
export function edgeCache(options: EdgeCacheOptions): MiddlewareHandler<EdgeEnv> {
  const { origin, transform, purgeLog, cacheName: name } = options;
  const cachePolicy = options.routeClass.cache;
  const coalesce = options.coalesce ?? false;
  const cacheOf = () => options.cache ?? caches.default;
  const methods = new Set<string>(cachePolicy.methods);
  const classCacheControl = cacheControlFor(cachePolicy);
  const fill = filler({
    origin,
    cachePolicy,
    classCacheControl,
    transform,
    cache: cacheOf,
    preparedHeaders: options.preparedHeaders,
  });
  const prepared = options.preparedHeaders?.fingerprint;
  const flights = new Flights(options.maxCoalescedWaiters ?? 1000);
  /** Raw URL → normalized key and path: hot URLs skip parsing and query sorting. Bounded; cleared when full. */
  const keys = new Map<string, { key: string; path: string }>();
  const keyOf = (raw: string) => {
    let known = keys.get(raw);
    if (!known) {
      const url = new URL(raw);
      known = { key: options.keyFor(url), path: url.pathname };
      if (keys.size >= KEY_MEMO_SIZE) keys.clear();
      keys.set(raw, known);
    }
    return known;
  };

  const bypassReason = personalReason(cachePolicy);
  const personal = personalCacheControl(cachePolicy);

  /** Not cacheable: straight to the origin with the client's headers and body. */
  async function pass(c: Ctx, fwd: Forward, detail?: string): Promise<Response> {
    const res = await passToOrigin(c.env, c.req.raw, origin);
    let out: Response;
    if (res instanceof OriginError) out = res.toResponse();
    else {
      const transformed = transform ? transform(res) : res;
      out = mutableCopy(transformed === res ? res : ownValidator(transformed));
    }
    out.headers.set("cache-status", cacheStatus(name, { fwd, detail }));
    return out;
  }

  /** Starts a buffered fill that later requests for the same key join. */
  function startFlight(c: Ctx, key: string) {
    const promise = fill(c.env, key, c.req.raw, "buffered");
    waitUntil(c, flights.start(key, promise));
    return promise;
  }

  /** A miss: streamed fill, or (coalesce) one buffered origin fetch per key however many requests wait. */
  /**
   * A miss: streamed fill, or (coalesce) one buffered origin fetch per key however many requests wait. Fills are
   * unconditional (a 304 could not fill a shared entry); a conditional request is answered from what was stored.
   */
  async function miss(c: Ctx, key: string, head: boolean, fwd: Forward, stale?: Stale): Promise<Response> {
    const answer = { name, head, fwd, stale };
    const request = c.req.raw.headers;
    const reply = (outcome: Fill, collapsed = false) => {
      const res = answerFill(outcome, collapsed ? { ...answer, collapsed } : answer);
      const current =
        outcome.kind === "stored" &&
        res.status === outcome.status &&
        isConditional(request) &&
        isNotModified(request, outcome.headers, outcome.meta.vary !== "");
      return current ? notModified(res) : res;
    };
    if (!coalesce) {
      const own = await fill(c.env, key, c.req.raw, "streamed");
      if (own.kind === "stored") waitUntil(c, own.put);
      return reply(own);
    }
    const joined = flights.join(key);
    if (joined) {
      const shared = await joined;
      if (fitsWaiter(shared, request)) return reply(shared, true);
      return reply(await fill(c.env, key, c.req.raw, "buffered"));
    }
    // A full flight: this request fetches alone (and does not replace the flight others wait for).
    const own = flights.has(key) ? fill(c.env, key, c.req.raw, "buffered") : startFlight(c, key);
    return reply(await own);
  }

  /** A hit as served, or its 304 when the client's validators show it already holds this representation. */
  function hit(req: Request, found: Found, head: boolean, status: string, age: number): Response {
    const res = serveEntry(found.stored, found.meta, head, status, age, prepared);
    if (!isConditional(req.headers) || !isNotModified(req.headers, res.headers, found.meta.vary !== ""))
      return res;
    return notModified(res);
  }

  return async function edgeCacheHandler(c) {
    const req = c.req.raw;
    if (cachePolicy.mode === "bypass") {
      // A class the model never caches says so to every cache after it (no-store), like NGINX does.
      const res = await pass(c, "bypass");
      res.headers.set("cache-control", classCacheControl);
      return res;
    }
    if (!methods.has(req.method)) return pass(c, "method");
    const why = bypassReason(req.headers);
    // A personal answer: never the class's public value (the origin's when respected, else no-store).
    if (why) return personal(await pass(c, "request", why));

    const head = req.method === "HEAD";
    const { key, path } = keyOf(req.url);
    const cache = cacheOf();
    if (purgeLog.due()) await purgeLog.sync(cache);
    const found = await lookupEntry(cache, key, req.headers);
    if (found === undefined || found === "vary-miss")
      return miss(c, key, head, found === "vary-miss" ? "vary-miss" : "miss");
    const { stored, meta } = found;
    const f = freshnessOf(meta, Date.now());
    if (purgeLog.isPurged(path, meta.tags, meta.filledAt)) {
      stored.body?.cancel();
      return miss(c, key, head, "miss");
    }
    if (f.ageMs < f.freshMs)
      return hit(req, found, head, cacheStatus(name, { hit: true, ttl: f.ttl }), f.age);
    if (f.ageMs < f.freshMs + meta.swrSeconds * 1000) {
      // Stale-while-revalidate: one background refresh per key, however many stale hits ask for it.
      if (!flights.has(key)) startFlight(c, key);
      const status = cacheStatus(name, { hit: true, ttl: f.ttl, detail: "stale-while-revalidate" });
      return hit(req, found, head, status, f.age);
    }
    if (f.ageMs < f.freshMs + meta.sieSeconds * 1000)
      return miss(c, key, head, "stale", { stored, meta, freshness: f });
    stored.body?.cancel();
    return miss(c, key, head, "miss");
  };
}
