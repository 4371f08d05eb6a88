import type { CachePolicy } from "@edge/platform";
import type { Env } from "../../env.ts";
import {
  deadline,
  fetchOrigin,
  fillRequest,
  type Origin,
  OriginError,
  originError,
} from "../../lib/origin.ts";
import { HOP_BY_HOP } from "../../lib/respond.ts";
import type { PreparedHeaders } from "../security-headers/index.ts";
import { ownValidator } from "./conditional.ts";
import { type EntryMeta, NULL_BODY, planStorage, storedHeaders, varyValuesOf } from "./entry.ts";
import { putEntry } from "./lookup.ts";

/**
 * How a fill hands the body on. `buffered`: read whole within the origin deadline so that collapsed requests
 * can share it (API responses). `streamed`: teed to the client and into the cache at once (pages, files).
 */
export type FillMode = "buffered" | "streamed";

/** Outcome of one origin fill. */
export type Fill =
  | {
      kind: "stored";
      status: number;
      /** Headers of the stored entry (bookkeeping included). */
      headers: Headers;
      meta: Readonly<EntryMeta>;
      /** Buffered: the whole body (shareable). Streamed: the client's branch of the tee. */
      body: ArrayBuffer | ReadableStream | null;
      /** The cache write; keep the request alive for it (`waitUntil`). */
      put: Promise<unknown>;
    }
  /** Not stored, and not personal: an origin error page (buffered fills only), shareable with collapsed requests. */
  | { kind: "error-page"; status: number; headers: Headers; body: ArrayBuffer | null }
  /** Not stored, for this request only (`detail` says why: private, set-cookie, status, ...). */
  | { kind: "unstored"; detail: string; response: Response }
  | { kind: "failed"; error: OriginError };

export interface FillerOptions {
  origin: Origin;
  cachePolicy: CachePolicy;
  /** Downstream Cache-Control of the class (when the origin's is not used). */
  classCacheControl: string;
  /** Rewrites origin responses before they are planned, stored and served (e.g. HTML minification). */
  transform?: (res: Response) => Response;
  cache: () => Cache;
  /** Security headers stored with each entry (see `EdgeCacheOptions.preparedHeaders`). */
  preparedHeaders?: PreparedHeaders;
}

/**
 * The one fill routine: origin fetch of the normalized URL → transform → storage plan → stored headers →
 * cache write, buffered or streamed. Never throws.
 */
export function filler(options: FillerOptions) {
  const { origin, cachePolicy, classCacheControl, transform } = options;

  return async function fill(env: Env, key: string, request: Request, mode: FillMode): Promise<Fill> {
    const filledAt = Date.now();
    // Buffered fills keep the deadline for the body too: a stalled body must not hold collapsed waiters.
    const limit = deadline(origin.timeoutMs);
    try {
      let res = await fetchOrigin(fillRequest(origin.target(env), new URL(key), request), origin, limit);
      if (res instanceof OriginError) return { kind: "failed", error: res };
      if (mode === "streamed") limit.clear();
      if (transform) {
        const transformed = transform(res);
        if (transformed !== res) res = ownValidator(transformed);
      }
      const plan = planStorage(res, cachePolicy, classCacheControl);
      if (typeof plan === "string") {
        if (mode === "streamed" || res.status < 500 || res.headers.has("set-cookie"))
          return { kind: "unstored", detail: plan, response: res };
        // An origin error page is not personal: share it with the collapsed requests instead of N more fetches.
        const headers = new Headers(res.headers);
        for (const h of HOP_BY_HOP) headers.delete(h);
        const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
        return { kind: "error-page", status: res.status, headers, body };
      }
      const varyValues = plan.vary ? varyValuesOf(plan.vary, request.headers) : "";
      const { headers, meta } = storedHeaders(res, plan, filledAt, varyValues, options.preparedHeaders);
      let body: ArrayBuffer | ReadableStream | null = null;
      let toCache: ArrayBuffer | ReadableStream | null = null;
      if (!NULL_BODY.has(res.status) && res.body) {
        if (mode === "buffered") body = toCache = await res.arrayBuffer();
        else [toCache, body] = res.body.tee();
      } else res.body?.cancel();
      const put = putEntry(options.cache(), key, res.status, headers, toCache, meta);
      return { kind: "stored", status: res.status, headers, meta, body, put };
    } catch (err) {
      return { kind: "failed", error: originError(err, limit) };
    } finally {
      limit.clear();
    }
  };
}
