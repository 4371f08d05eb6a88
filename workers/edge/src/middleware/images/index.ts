import { cacheControlFor } from "@edge/platform/headers";
import type { Context, MiddlewareHandler } from "hono";
import type { Env } from "../../env.ts";
import type { WorkerPolicy } from "../../policy.ts";
import { type BuiltImage, buildImage, fetchChecked } from "./build.ts";
import { type Negotiated, negotiate } from "./negotiate.ts";
import { type ImageParams, parseImageParams } from "./params.ts";
import { ImageRefusal, refusalResponse } from "./refusal.ts";
import { sourcePathOf } from "./source-path.ts";
import { etagOf, matchesIfNoneMatch, variantKey } from "./variant-cache.ts";

export { SVG_CSP } from "./build.ts";

type ImagesContext = Context<{ Bindings: Env }>;

export interface ImagesOptions {
  /** The compiled policy: `images` limits and ladder, the `images` route class's cache policy. */
  policy: WorkerPolicy;
  /**
   * Fetches a source image from the origin by path (already validated to sit under
   * `images.sourcePathPrefix`). Owns the origin URL and timeout; should not follow redirects.
   */
  fetchSource: (c: ImagesContext, sourcePath: string) => Promise<Response>;
  /**
   * Tag/prefix invalidation hook, asked on every cache hit with the source path, the source's `Cache-Tag`
   * values and when the variant was built (ms since the epoch); true → the entry is ignored and rebuilt.
   * @default undefined — variants live for the images class's TTL
   */
  isPurged?: (
    c: ImagesContext,
    sourcePath: string,
    tags: readonly string[],
    filledAt: number,
  ) => boolean | Promise<boolean>;
}

/** Stored with each variant for `isPurged`, never sent to clients. */
const FILLED_AT = "X-Edge-Filled-At";
const SOURCE_TAGS = "X-Edge-Source-Tags";
const MAX_TAGS = 64;

interface Variant extends BuiltImage {
  etag: string;
  /** The source's `Cache-Tag` values, for purges by tag. */
  tags: string[];
  filledAt: number;
}

/** Work that must finish even after the response is sent; awaited inline without an ExecutionContext. */
async function waitUntil(c: ImagesContext, work: Promise<unknown>): Promise<void> {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    await work; // e.g. app.request in tests: finish (and store) before answering
  }
}

/**
 * Image optimization for the images route class: answers GET/HEAD fully (other methods: 405). See
 * README.md beside this file for parameters, limits and status codes.
 */
export function images(options: ImagesOptions): MiddlewareHandler<{ Bindings: Env }> {
  const { policy, fetchSource, isPurged } = options;
  // The class the model routes to the image handler ("images" by default; the name is the user's).
  const routeClass =
    policy.routeClasses["images"] ?? Object.values(policy.routeClasses).find((rc) => rc.handler === "image");
  if (!routeClass) throw new Error('images(): the policy has no route class with handler "image"');
  const cacheControl = cacheControlFor(routeClass.cache);
  const cacheName = policy.edge.scriptName;
  const maxWaiters = policy.edge.maxCoalescedWaiters;
  const flights = new Map<string, { promise: Promise<Variant>; waiters: number }>();

  return async (c) => {
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      return refusalResponse(405, "method not allowed", { Allow: "GET, HEAD" });
    }
    let res: Response;
    try {
      res = await serve(c);
    } catch (error) {
      res =
        error instanceof ImageRefusal
          ? refusalResponse(error.status, error.message)
          : refusalResponse(502, "image processing failed");
    }
    return method === "HEAD" ? new Response(null, res) : res;
  };

  async function serve(c: ImagesContext): Promise<Response> {
    const url = new URL(c.req.url);
    const sourcePath = sourcePathOf(url, policy.images.sourcePathPrefix);
    const params = parseImageParams(url.searchParams, policy.images, policy.cacheKey.ignoredQueryParams);
    const negotiated = negotiate(params, c.req.header("Accept") ?? null, policy.images);
    const key = variantKey(url.origin, sourcePath, params, negotiated, policy.images);
    const cache = caches.default;

    const hit = await cache.match(key);
    if (hit && !(await purged(c, sourcePath, hit))) return answer(c, new Response(hit.body, hit), "hit");
    await hit?.body?.cancel();

    // Concurrent misses of one variant share one source fetch and one transform (in this isolate).
    const joined = flights.get(key.url);
    if (joined && joined.waiters < maxWaiters) {
      joined.waiters++;
      const variant = await joined.promise;
      return answer(
        c,
        new Response(variant.bytes, { headers: storedHeaders(variant) }),
        "fwd=uri-miss; detail=collapsed",
      );
    }
    const promise = buildVariant(c, sourcePath, params, negotiated);
    if (!joined) {
      flights.set(key.url, { promise, waiters: 0 });
      const done = () => flights.delete(key.url);
      promise.then(done, done);
    }
    // The flight outlives a client that goes away: its waiters still get their answer.
    waitUntil(
      c,
      promise.catch(() => {}),
    );
    const variant = await promise;
    const headers = storedHeaders(variant);
    await waitUntil(
      c,
      cache.put(key, new Response(variant.bytes, { headers })).catch(() => {
        // A failed store only costs a re-transform next time.
      }),
    );
    return answer(c, new Response(variant.bytes, { headers }), "fwd=uri-miss; stored");
  }

  function storedHeaders(variant: Variant): Headers {
    const headers = new Headers(variant.headers);
    headers.set("Content-Type", variant.contentType);
    headers.set("Cache-Control", cacheControl);
    headers.set("ETag", variant.etag);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set(FILLED_AT, String(variant.filledAt));
    if (variant.tags.length > 0) headers.set(SOURCE_TAGS, variant.tags.join(","));
    return headers;
  }

  async function purged(c: ImagesContext, sourcePath: string, hit: Response): Promise<boolean> {
    if (!isPurged) return false;
    const filledAt = Number(hit.headers.get(FILLED_AT));
    const tags = hit.headers.get(SOURCE_TAGS)?.split(",") ?? [];
    return Number.isFinite(filledAt) ? isPurged(c, sourcePath, tags, filledAt) : true;
  }

  /** Adds the per-response headers (not stored): Vary, Cache-Status; answers 304 to a matching validator. */
  function answer(c: ImagesContext, res: Response, status: string): Response {
    res.headers.set("Vary", "Accept");
    res.headers.set("Cache-Status", `${cacheName}; ${status}`);
    res.headers.delete("CF-Cache-Status");
    res.headers.delete(FILLED_AT);
    res.headers.delete(SOURCE_TAGS);
    if (matchesIfNoneMatch(c.req.header("If-None-Match") ?? null, res.headers.get("ETag"))) {
      return new Response(null, { status: 304, headers: res.headers });
    }
    return res;
  }

  async function buildVariant(
    c: ImagesContext,
    sourcePath: string,
    params: ImageParams,
    negotiated: Negotiated,
  ): Promise<Variant> {
    const filledAt = Date.now();
    const source = await fetchChecked(() => fetchSource(c, sourcePath));
    const tags = (source.headers.get("Cache-Tag") ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0 && tag.length <= 1024)
      .slice(0, MAX_TAGS);
    const variant = await buildImage(source, sourcePath, params, negotiated, c.env.IMAGES, policy.images);
    return { ...variant, etag: await etagOf(variant.bytes), tags, filledAt };
  }
}
