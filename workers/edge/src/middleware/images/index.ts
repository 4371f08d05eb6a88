import { cacheControlFor } from "@edge/platform/headers";
import type { Context, MiddlewareHandler } from "hono";
import type { Env } from "../../env.ts";
import type { WorkerPolicy } from "../../policy.ts";
import { type ImageHeader, isCorruptImageError, MIME_TYPES, readImageHeader } from "./formats/index.ts";
import { type Negotiated, negotiate, originalFormat } from "./negotiate.ts";
import { type ImageParams, parseImageParams } from "./params.ts";
import { planResize, type ResizePlan } from "./plan.ts";
import { readBounded } from "./read-source.ts";
import { ImageRefusal, refusalResponse, refuse } from "./refusal.ts";
import { hasSvgExtension, sourcePathOf } from "./source-path.ts";
import { transformImage } from "./transform.ts";
import { etagOf, matchesIfNoneMatch, variantKey } from "./variant-cache.ts";

type ImagesContext = Context<{ Bindings: Env }>;

export interface ImagesOptions {
  /** The compiled policy: `images` limits and ladder, the `images` route class's cache policy. */
  policy: WorkerPolicy;
  /**
   * Fetches a source image from the origin by path (already validated to sit under
   * `images.sourcePathPrefix`). Owns the origin URL and timeout; should not follow redirects.
   */
  fetchSource: (c: ImagesContext, sourcePath: string) => Promise<Response>;
}

/** CSP for SVG passed through: no script, no fetches, sandboxed even when opened directly. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Fits that keep the source's aspect ratio, so a same-format original can stand in for the variant. */
const ASPECT_PRESERVING = new Set(["scale-down", "contain"]);

interface Variant {
  bytes: Uint8Array;
  contentType: string;
  etag: string;
  headers?: Record<string, string>;
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
  const { policy, fetchSource } = options;
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
    const key = variantKey(url.origin, sourcePath, params, negotiated);
    const cache = caches.default;

    const hit = await cache.match(key);
    if (hit) return answer(c, new Response(hit.body, hit), "hit");

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
    return headers;
  }

  /** Adds the per-response headers (not stored): Vary, Cache-Status; answers 304 to a matching validator. */
  function answer(c: ImagesContext, res: Response, status: string): Response {
    res.headers.set("Vary", "Accept");
    res.headers.set("Cache-Status", `${cacheName}; ${status}`);
    res.headers.delete("CF-Cache-Status");
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
    const variant = await buildBytes(c, sourcePath, params, negotiated);
    return { ...variant, etag: await etagOf(variant.bytes) };
  }

  async function buildBytes(
    c: ImagesContext,
    sourcePath: string,
    params: ImageParams,
    negotiated: Negotiated,
  ): Promise<Omit<Variant, "etag">> {
    const limits = policy.images;
    const source = await fetchChecked(c, sourcePath);
    const bytes = await readBounded(source, limits.maxSourceBytes);
    let header: ImageHeader | null;
    try {
      header = readImageHeader(bytes);
    } catch (error) {
      if (isCorruptImageError(error)) refuse(422, `source image is corrupt: ${error.message}`);
      throw error;
    }
    if (!header) refuse(415, "source is not a supported image type");
    const original = { bytes, contentType: MIME_TYPES[header.format] };

    if (header.format === "svg") {
      if (!hasSvgExtension(sourcePath)) refuse(415, "SVG content under a non-.svg path is refused");
      if (limits.svg !== "sandbox") refuse(415, "SVG images are refused by policy");
      return { ...original, headers: { "Content-Security-Policy": SVG_CSP } };
    }
    if (header.width * header.height > limits.maxSourcePixels) {
      refuse(422, `source image ${header.width}x${header.height} exceeds ${limits.maxSourcePixels} pixels`);
    }
    // The binding would keep one frame (locally it does); animations pass through untouched.
    if (header.animated) return original;

    const plan = planResize(header, params, limits);
    let format =
      negotiated.kind === "format" ? negotiated.format : originalFormat(header, negotiated.accepts);
    if (format === "gif") {
      if (!plan.resize) return original;
      format = "png"; // a resized still GIF: lossless, and PNG output works everywhere
    }
    const asked = format;
    const out = await transformImage(c.env.IMAGES, bytes, {
      plan,
      format,
      quality: params.quality,
      maxOutputPixels: limits.maxOutputPixels,
      decodable: (f) =>
        f === asked ||
        f === "jpeg" ||
        f === "png" ||
        (f === "webp" && negotiated.kind === "original" && negotiated.accepts.webp),
    });
    if (
      out.bytes.byteLength >= bytes.byteLength &&
      originalMayReplace(header, params, negotiated, plan, out.header.format)
    ) {
      return original; // keep the original when the variant is not smaller
    }
    return { bytes: out.bytes, contentType: MIME_TYPES[out.header.format] };
  }

  async function fetchChecked(c: ImagesContext, sourcePath: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetchSource(c, sourcePath);
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      refuse(timedOut ? 504 : 502, timedOut ? "origin timed out" : "origin unreachable");
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      refuse(404, "source image not found");
    }
    if (res.status === 504) {
      await res.body?.cancel();
      refuse(504, "origin timed out"); // a fetchSource that answers its own timeouts with a 504
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      refuse(502, `origin answered ${res.status} for the source image`);
    }
    return res;
  }
}

/**
 * Whether the original bytes may be served instead of a variant that is not smaller: the client must be
 * able to decode the original (and not have asked for another format explicitly), and the original must
 * look the same — either nothing was resized, or it is the same format with the aspect ratio kept.
 */
function originalMayReplace(
  header: ImageHeader,
  params: ImageParams,
  negotiated: Negotiated,
  plan: ResizePlan,
  format: ImageHeader["format"],
): boolean {
  const decodable =
    params.format !== "auto"
      ? params.format === header.format
      : negotiated.kind === "original"
        ? originalFormat(header, negotiated.accepts) === header.format
        : header.format === "jpeg" || header.format === "png" || header.format === negotiated.format;
  if (!decodable) return false;
  return plan.resize === null || (format === header.format && ASPECT_PRESERVING.has(plan.resize.fit));
}
