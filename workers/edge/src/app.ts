import type { RouteClass } from "@edge/platform";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { Env } from "./env.ts";
import { fetchOrigin, fillRequest, type OriginError } from "./lib/origin.ts";
import { plainResponse } from "./lib/respond.ts";
import { createShared, type EdgeShared } from "./lib/shared.ts";
import { cacheAnalytics } from "./middleware/cache-analytics/index.ts";
import { classify, dispatchByClass } from "./middleware/classify/index.ts";
import { edgeCache } from "./middleware/edge-cache/index.ts";
import { htmlMinifier } from "./middleware/html-minify/index.ts";
import { images } from "./middleware/images/index.ts";
import { proxy } from "./middleware/proxy/index.ts";
import { purge } from "./middleware/purge/index.ts";
import { requestGuard } from "./middleware/request-guard/index.ts";
import { securityHeaders } from "./middleware/security-headers/index.ts";
import { websocket } from "./middleware/websocket/index.ts";
import type { WorkerPolicy } from "./policy.ts";
import type { EdgeEnv } from "./types.ts";

/**
 * Fetches an image source from the origin for the image middleware: an anonymous GET of `sourcePath` (path and
 * query) within the model's origin timeout. Never throws: failures resolve to a clean 502/504 response.
 */
export type FetchSource = (c: Context<{ Bindings: Env }>, sourcePath: string) => Promise<Response>;

function sourceFetcher(shared: EdgeShared): FetchSource {
  return async (c, sourcePath) => {
    const url = new URL(sourcePath, c.req.url);
    try {
      return await fetchOrigin(fillRequest(shared.originBase(c.env), url, c.req.raw), shared.origin);
    } catch (err) {
      return (err as OriginError).toResponse();
    }
  };
}

/** Builds the handler of one route class from its `handler` kind in the model. */
function handlerFor(
  shared: EdgeShared,
  routeClass: RouteClass,
  fetchSource: FetchSource,
): MiddlewareHandler<EdgeEnv> {
  switch (routeClass.handler) {
    case "api":
      return edgeCache({ shared, routeClass, coalesce: true });
    case "html":
      return edgeCache({
        shared,
        routeClass,
        transform: shared.policy.edge.htmlMinify ? htmlMinifier() : undefined,
      });
    case "static":
      return edgeCache({ shared, routeClass });
    case "image":
      // The image middleware answers its class fully (variants, their cache, refusals); purges reach its
      // variants through the same purge log (source path prefix and the source's Cache-Tag values).
      return images({
        policy: shared.policy,
        fetchSource,
        isPurged: async (_c, sourcePath, tags, filledAt) => {
          if (shared.purgeLog.due()) await shared.purgeLog.sync(caches.default);
          return shared.purgeLog.isPurged(sourcePath, tags.join(","), filledAt);
        },
      }) as unknown as MiddlewareHandler<EdgeEnv>;
    case "websocket":
      return websocket(shared, routeClass.cache);
    case "proxy":
      return proxy(shared);
  }
}

/**
 * The edge app of one environment. Everything derived from the policy (classifier, header sets, cache policies)
 * is computed here, once per isolate; the per-request path only reads it.
 */
export function createEdgeApp(policy: WorkerPolicy): Hono<EdgeEnv> {
  const shared = createShared(policy);
  const fetchSource = sourceFetcher(shared);
  const handlers = Object.fromEntries(
    Object.entries(policy.routeClasses).map(([name, rc]) => [name, handlerFor(shared, rc, fetchSource)]),
  );
  const app = new Hono<EdgeEnv>();
  app.use(securityHeaders({ securityHeaders: policy.securityHeaders }));
  app.use(requestGuard({ maxBodyBytes: policy.maxBodyBytes }));
  app.use(purge(shared));
  app.use(classify(policy.routeClasses));
  app.use(cacheAnalytics({ environment: policy.environment }));
  app.use(dispatchByClass(handlers));
  app.all("*", proxy(shared));
  // Unexpected failures: a short answer, no stack trace (the error is logged for observability).
  app.onError((err) => {
    console.error("edge: unhandled error", err);
    return plainResponse(500, "internal error");
  });
  return app;
}
