import type { RouteClass } from "@edge/platform";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { Env } from "./env.ts";
import { cacheKeyBuilder } from "./lib/cache-key.ts";
import { fetchOrigin, fillRequest, type Origin, OriginError, originFor } from "./lib/origin.ts";
import { checkPurged, type PurgeLog, purgeLogFor } from "./lib/purge-log.ts";
import { plainResponse } from "./lib/respond.ts";
import { cacheAnalytics } from "./middleware/cache-analytics/index.ts";
import { classify, dispatchByClass } from "./middleware/classify/index.ts";
import { edgeCache } from "./middleware/edge-cache/index.ts";
import { htmlMinifier } from "./middleware/html-minify/index.ts";
import { images } from "./middleware/images/index.ts";
import { proxy } from "./middleware/proxy/index.ts";
import { purge } from "./middleware/purge/index.ts";
import { requestGuard } from "./middleware/request-guard/index.ts";
import { preparedHeadersFor, securityHeaders } from "./middleware/security-headers/index.ts";
import { websocket } from "./middleware/websocket/index.ts";
import type { WorkerPolicy } from "./policy.ts";
import type { EdgeEnv } from "./types.ts";

/**
 * Fetches an image source from the origin for the image middleware: an anonymous GET of `sourcePath` (path and
 * query) within the model's origin timeout. Never throws: failures resolve to a clean 502/504 response.
 */
export type FetchSource = (c: Context<{ Bindings: Env }>, sourcePath: string) => Promise<Response>;

function sourceFetcher(origin: Origin): FetchSource {
  return async (c, sourcePath) => {
    const url = new URL(sourcePath, c.req.url);
    const res = await fetchOrigin(fillRequest(origin.target(c.env), url, c.req.raw), origin);
    return res instanceof OriginError ? res.toResponse() : res;
  };
}

/** What the class handlers of one app share: built once per isolate and environment. */
interface AppParts {
  policy: WorkerPolicy;
  origin: Origin;
  purgeLog: PurgeLog;
  keyFor: (url: URL) => string;
  fetchSource: FetchSource;
  /** The model's security headers, plus the origin-auth header among the response headers removed. */
  securityPolicy: WorkerPolicy["securityHeaders"];
}

/**
 * An origin that echoes request headers back (debug pages, some frameworks' error headers) must not hand the
 * origin-auth secret to a client or into a cache entry: the header joins the model's removed response headers,
 * which every response and every stored entry loses.
 */
function withoutOriginAuth(policy: WorkerPolicy): WorkerPolicy["securityHeaders"] {
  const removed = policy.securityHeaders.removeResponseHeaders;
  const header = policy.originAuth.headerName;
  if (removed.some((name) => name.toLowerCase() === header.toLowerCase())) return policy.securityHeaders;
  return { ...policy.securityHeaders, removeResponseHeaders: [...removed, header] };
}

/** Builds the handler of one route class from its `handler` kind in the model. */
function handlerFor(parts: AppParts, routeClass: RouteClass): MiddlewareHandler<EdgeEnv> {
  const { policy, origin, purgeLog, keyFor } = parts;
  const cached = {
    routeClass,
    origin,
    purgeLog,
    keyFor,
    cacheName: policy.edge.scriptName,
    preparedHeaders: preparedHeadersFor(parts.securityPolicy, routeClass.securityProfile),
  };
  switch (routeClass.handler) {
    case "api":
      return edgeCache({ ...cached, coalesce: true, maxCoalescedWaiters: policy.edge.maxCoalescedWaiters });
    case "html":
      return edgeCache({ ...cached, transform: policy.edge.htmlMinify ? htmlMinifier() : undefined });
    case "static":
      return edgeCache(cached);
    case "image":
      // The image middleware answers its class fully (variants, their cache, refusals); purges reach its
      // variants through the same purge log (source path prefix and the source's Cache-Tag values).
      return images({
        policy,
        fetchSource: parts.fetchSource,
        isPurged: (_c, sourcePath, tags, filledAt) =>
          checkPurged(purgeLog, caches.default, sourcePath, tags.join(","), filledAt),
      }) as unknown as MiddlewareHandler<EdgeEnv>;
    case "websocket":
      return websocket({ origin, cache: routeClass.cache });
    case "proxy":
      return proxy({ origin, cache: routeClass.cache });
  }
}

/**
 * The edge app of one environment. Everything derived from the policy (classifier, header sets, cache policies)
 * is computed here, once per isolate; the per-request path only reads it.
 */
export function createEdgeApp(policy: WorkerPolicy): Hono<EdgeEnv> {
  const origin = originFor(policy);
  const parts: AppParts = {
    policy,
    origin,
    purgeLog: purgeLogFor(policy),
    keyFor: cacheKeyBuilder(policy.cacheKey),
    fetchSource: sourceFetcher(origin),
    securityPolicy: withoutOriginAuth(policy),
  };
  const handlers = Object.fromEntries(
    Object.entries(policy.routeClasses).map(([name, rc]) => [name, handlerFor(parts, rc)]),
  );
  const app = new Hono<EdgeEnv>();
  app.use(securityHeaders({ securityHeaders: parts.securityPolicy }));
  app.use(requestGuard({ maxBodyBytes: policy.maxBodyBytes }));
  app.use(purge({ path: policy.edge.purgePath, purgeLog: parts.purgeLog }));
  app.use(classify(policy.routeClasses));
  app.use(cacheAnalytics({ environment: policy.environment }));
  app.use(dispatchByClass(handlers));
  // Paths no class claims: the origin's Cache-Control, like NGINX's `location /` (no class, no add_header).
  app.all("*", proxy({ origin }));
  // Unexpected failures: a short answer, no stack trace (the error is logged for observability).
  app.onError((err) => {
    console.error("edge: unhandled error", err);
    return plainResponse(500, "internal error");
  });
  return app;
}
