import type { RouteClass } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import type { Context, MiddlewareHandler } from "hono";
import { variantKey } from "../../lib/cache-key.ts";
import {
  deadline,
  fetchOrigin,
  fillRequest,
  type OriginError,
  originError,
  passRequest,
} from "../../lib/origin.ts";
import { HOP_BY_HOP, mutableCopy, waitUntil } from "../../lib/respond.ts";
import type { EdgeShared } from "../../lib/shared.ts";
import type { EdgeEnv } from "../../types.ts";
import {
  type EntryMeta,
  type Freshness,
  freshnessOf,
  NULL_BODY,
  planStorage,
  readMeta,
  restoreServedHeaders,
  servedHeaders,
  storedHeaders,
  varyValuesOf,
} from "./entry.ts";

export interface EdgeCacheOptions {
  shared: EdgeShared;
  /** The route class whose `cache` policy applies. */
  routeClass: RouteClass;
  /**
   * Buffer fills and collapse concurrent misses of one key into one origin fetch (API responses).
   * When false, fills stream to the client and into the cache at once (pages, static files).
   * @default false
   */
  coalesce?: boolean;
  /** Rewrites origin responses before they are stored and served (e.g. HTML minification). */
  transform?: (res: Response) => Response;
}

type Ctx = Context<EdgeEnv>;

/** How many raw URLs' normalized keys are remembered per class and isolate. */
const KEY_MEMO_SIZE = 4096;

/** Outcome of one origin fill, shareable between collapsed requests. */
type Fill =
  | {
      kind: "shared";
      status: number;
      /** Stored-entry headers when `stored`, else plain origin headers (a shared 5xx). */
      headers: Headers;
      /** Bookkeeping of the stored entry (undefined when not stored). */
      meta?: EntryMeta;
      body: ArrayBuffer | null;
      stored: boolean;
      put?: Promise<unknown>;
    }
  | { kind: "private"; detail: string; response: Response }
  | { kind: "failed"; error: OriginError };

interface Flight {
  promise: Promise<Fill>;
  waiters: number;
}

interface Stale {
  stored: Response;
  meta: EntryMeta;
  freshness: Freshness;
}

/** A stored entry found for a request, with its bookkeeping. */
interface Found {
  stored: Response;
  meta: EntryMeta;
}

/**
 * HTTP caching at the edge with the Cache API: normalized keys, origin Cache-Control and Vary honoured, purge
 * by tag/prefix, stale-while-revalidate (one background refresh), stale-if-error, collapsed misses and an
 * RFC 9211 `Cache-Status` on every response of a cacheable class.
 *
 * @example app.use(edgeCache({ shared, routeClass: policy.routeClasses.api, coalesce: true }))
 */
export function edgeCache(options: EdgeCacheOptions): MiddlewareHandler<EdgeEnv> {
  const { shared, transform } = options;
  const cachePolicy = options.routeClass.cache;
  const coalesce = options.coalesce ?? false;
  const methods = new Set<string>(cachePolicy.methods);
  const sessionCookies = cachePolicy.bypassOnCookies.map(
    (name) => new RegExp(`(?:^|;)\\s*${name.replace(/\./g, "\\.")}=`),
  );
  const classCacheControl = cacheControlFor(cachePolicy);
  const name = shared.cacheName;
  const maxWaiters = shared.policy.edge.maxCoalescedWaiters;
  const flights = new Map<string, Flight>();
  /** Raw URL → normalized key and path: hot URLs skip parsing and query sorting. Bounded; cleared when full. */
  const keys = new Map<string, { key: string; path: string }>();
  const keyOf = (raw: string) => {
    let known = keys.get(raw);
    if (!known) {
      const url = new URL(raw);
      known = { key: shared.keyFor(url), path: url.pathname };
      if (keys.size >= KEY_MEMO_SIZE) keys.clear();
      keys.set(raw, known);
    }
    return known;
  };

  const bypassReason = (headers: Headers): string | undefined => {
    if (cachePolicy.bypassOnAuthorization && headers.has("authorization")) return "authorization";
    if (sessionCookies.length > 0) {
      const cookie = headers.get("cookie");
      if (cookie && sessionCookies.some((re) => re.test(cookie))) return "session-cookie";
    }
    return undefined;
  };

  /** Not cacheable: straight to the origin with the client's headers and body. */
  async function pass(c: Ctx, fwd: string, detail?: string): Promise<Response> {
    const status = `${name}; fwd=${fwd}${detail ? `; detail=${detail}` : ""}`;
    let res: Response;
    try {
      const request = await passRequest(shared.originBase(c.env), c.req.raw, shared.origin);
      res = await fetchOrigin(request, shared.origin);
    } catch (err) {
      res = (err as OriginError).toResponse();
    }
    const out = mutableCopy(transform ? transform(res) : res);
    out.headers.set("cache-status", status);
    return out;
  }

  function serve(
    stored: Response,
    meta: EntryMeta,
    head: boolean,
    cacheStatus: string,
    age: number,
  ): Response {
    const nullBody = head || NULL_BODY.has(stored.status);
    if (nullBody) stored.body?.cancel();
    // One copy of the stored headers (the Response's own), edited in place: this is the hit path.
    const res = new Response(nullBody ? null : stored.body, stored);
    restoreServedHeaders(res.headers, meta, cacheStatus, age);
    return res;
  }

  function serveStale(stale: Stale, head: boolean, fwdStatus?: number): Response {
    const f = stale.freshness;
    const fwd = fwdStatus ? `; fwd-status=${fwdStatus}` : "";
    return serve(
      stale.stored,
      stale.meta,
      head,
      `${name}; fwd=stale${fwd}; ttl=${f.ttl}; detail=stale-if-error`,
      f.age,
    );
  }

  async function lookup(key: string, request: Headers): Promise<Found | "vary-miss" | undefined> {
    const cache = caches.default;
    const stored = await cache.match(key);
    if (!stored) return undefined;
    const meta = readMeta(stored.headers);
    if (!meta) {
      stored.body?.cancel();
      return undefined; // not ours (another cache user's entry under the same URL)
    }
    if (!meta.vary) return { stored, meta };
    const wanted = varyValuesOf(meta.vary, request);
    if (meta.varyValues === wanted) return { stored, meta };
    stored.body?.cancel();
    const variant = await cache.match(variantKey(key, encodeURIComponent(wanted)));
    const variantMeta = variant && readMeta(variant.headers);
    if (variant && variantMeta && variantMeta.varyValues === wanted)
      return { stored: variant, meta: variantMeta };
    variant?.body?.cancel();
    return "vary-miss";
  }

  function put(key: string, status: number, headers: Headers, body: BodyInit | null, meta: EntryMeta) {
    const cache = caches.default;
    const entry = new Response(body, { status, headers });
    if (!meta.vary) return cache.put(key, entry);
    const copy = entry.clone();
    return Promise.all([
      cache.put(key, entry),
      cache.put(variantKey(key, encodeURIComponent(meta.varyValues)), copy),
    ]);
  }

  /** One origin fill, buffered so that collapsed requests can share it. */
  async function bufferedFill(c: Ctx, key: string, request: Headers): Promise<Fill> {
    const filledAt = Date.now();
    const limit = deadline(shared.origin.timeoutMs);
    try {
      const keyUrl = new URL(key);
      let res = await fetchOrigin(
        fillRequest(shared.originBase(c.env), keyUrl, c.req.raw),
        shared.origin,
        limit,
      );
      if (transform) res = transform(res);
      const plan = planStorage(res, cachePolicy, classCacheControl);
      if (typeof plan === "string") {
        if (res.status < 500 || res.headers.has("set-cookie"))
          return { kind: "private", detail: plan, response: res };
        // An origin error page is not personal: share it with the collapsed requests instead of N more fetches.
        const headers = new Headers(res.headers);
        for (const h of HOP_BY_HOP) headers.delete(h);
        const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
        return { kind: "shared", status: res.status, headers, body, stored: false };
      }
      const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
      const varyValues = plan.vary ? varyValuesOf(plan.vary, request) : "";
      const { headers, meta } = storedHeaders(res, plan, filledAt, varyValues);
      const stored = put(key, res.status, headers, body, meta);
      return { kind: "shared", status: res.status, headers, meta, body, stored: true, put: stored };
    } catch (err) {
      return { kind: "failed", error: originError(err, limit) };
    } finally {
      limit.clear();
    }
  }

  /** Starts a fill that later requests for the same key join; it leaves the map once stored. */
  function startFlight(c: Ctx, key: string, request: Headers): Flight {
    const flight: Flight = { promise: bufferedFill(c, key, request), waiters: 0 };
    flights.set(key, flight);
    waitUntil(
      c,
      flight.promise
        .then((fill) => (fill.kind === "shared" ? fill.put : undefined))
        .finally(() => flights.delete(key)),
    );
    return flight;
  }

  function answerFill(
    fill: Fill,
    head: boolean,
    fwd: string,
    stale: Stale | undefined,
    collapsed: boolean,
  ): Response {
    if (fill.kind === "failed") {
      if (stale) return serveStale(stale, head);
      const res = fill.error.toResponse();
      res.headers.set("cache-status", `${name}; fwd=${fwd}; detail=origin-${fill.error.status}`);
      return res;
    }
    if (fill.kind === "private") {
      const out = mutableCopy(fill.response);
      out.headers.set("cache-status", `${name}; fwd=${fwd}; fwd-status=${out.status}; detail=${fill.detail}`);
      return head ? new Response(null, out) : out;
    }
    if (!fill.stored && stale) return serveStale(stale, head, fill.status);
    const tail = `${collapsed ? "; collapsed" : ""}`;
    const body = head ? null : fill.body;
    if (!fill.stored || !fill.meta) {
      const headers = new Headers(fill.headers);
      headers.set("cache-status", `${name}; fwd=${fwd}; fwd-status=${fill.status}${tail}`);
      return new Response(body, { status: fill.status, headers });
    }
    const headers = servedHeaders(
      fill.headers,
      fill.meta,
      `${name}; fwd=${fwd}; fwd-status=${fill.status}; stored${tail}`,
      0,
    );
    return new Response(body, { status: fill.status, headers });
  }

  /** Miss with collapsing: one origin fetch per key and isolate, however many requests wait for it. */
  async function collapsedMiss(c: Ctx, key: string, head: boolean, fwd: string, stale?: Stale) {
    const request = c.req.raw.headers;
    const joined = flights.get(key);
    if (joined && joined.waiters < maxWaiters) {
      joined.waiters++;
      const fill = await joined.promise;
      const mine =
        fill.kind === "private" ||
        (fill.kind === "shared" &&
          fill.stored &&
          fill.meta?.vary &&
          fill.meta.varyValues !== varyValuesOf(fill.meta.vary, request));
      // Someone else's private response or another variant is never handed out: fetch our own.
      if (!mine) return answerFill(fill, head, fwd, stale, true);
      return answerFill(await bufferedFill(c, key, request), head, fwd, stale, false);
    }
    const flight = joined ? { promise: bufferedFill(c, key, request) } : startFlight(c, key, request);
    return answerFill(await flight.promise, head, fwd, stale, false);
  }

  /** Miss without collapsing: the origin body streams to the client and into the cache at once. */
  async function streamedMiss(c: Ctx, key: string, head: boolean, fwd: string, stale?: Stale) {
    const filledAt = Date.now();
    let res: Response;
    try {
      res = await fetchOrigin(fillRequest(shared.originBase(c.env), new URL(key), c.req.raw), shared.origin);
    } catch (err) {
      return answerFill({ kind: "failed", error: err as OriginError }, head, fwd, stale, false);
    }
    if (res.status >= 500 && stale) {
      res.body?.cancel();
      return serveStale(stale, head, res.status);
    }
    if (transform) res = transform(res);
    const plan = planStorage(res, cachePolicy, classCacheControl);
    if (typeof plan === "string")
      return answerFill({ kind: "private", detail: plan, response: res }, head, fwd, stale, false);
    const varyValues = plan.vary ? varyValuesOf(plan.vary, c.req.raw.headers) : "";
    const { headers, meta } = storedHeaders(res, plan, filledAt, varyValues);
    let body = res.body;
    if (body && !NULL_BODY.has(res.status)) {
      const [toCache, toClient] = body.tee();
      waitUntil(c, put(key, res.status, headers, toCache, meta));
      body = toClient;
    } else waitUntil(c, put(key, res.status, headers, null, meta));
    if (head) body?.cancel();
    const served = servedHeaders(headers, meta, `${name}; fwd=${fwd}; fwd-status=${res.status}; stored`, 0);
    return new Response(head ? null : body, { status: res.status, headers: served });
  }

  /** Stale-while-revalidate: one background refresh per key, however many stale hits ask for it. */
  function refresh(c: Ctx, key: string): void {
    if (!flights.has(key)) startFlight(c, key, c.req.raw.headers);
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
    if (why) return pass(c, "request", why);

    const head = req.method === "HEAD";
    const { key, path } = keyOf(req.url);
    if (shared.purgeLog.due()) await shared.purgeLog.sync(caches.default);
    const found = await lookup(key, req.headers);
    let fwd = found === "vary-miss" ? "vary-miss" : "miss";
    let stale: Stale | undefined;
    if (typeof found === "object") {
      const { stored, meta } = found;
      const f = freshnessOf(meta, Date.now());
      if (shared.purgeLog.isPurged(path, meta.tags, meta.filledAt)) {
        stored.body?.cancel();
      } else if (f.ageMs < f.freshMs) {
        return serve(stored, meta, head, `${name}; hit; ttl=${f.ttl}`, f.age);
      } else if (f.ageMs < f.freshMs + meta.swrSeconds * 1000) {
        refresh(c, key);
        return serve(stored, meta, head, `${name}; hit; ttl=${f.ttl}; detail=stale-while-revalidate`, f.age);
      } else if (f.ageMs < f.freshMs + meta.sieSeconds * 1000) {
        stale = { stored, meta, freshness: f };
        fwd = "stale";
      } else stored.body?.cancel();
    }
    return coalesce ? collapsedMiss(c, key, head, fwd, stale) : streamedMiss(c, key, head, fwd, stale);
  };
}
