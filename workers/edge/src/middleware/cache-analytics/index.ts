import type { MiddlewareHandler } from "hono";
import { cacheOutcome } from "../../lib/cache-status.ts";
import type { EdgeEnv } from "../../types.ts";

export interface CacheAnalyticsOptions {
  /** Environment name written with every data point (one dataset may serve several environments). */
  readonly environment: string;
}

/**
 * Records the cache outcome of every response per route class into Workers Analytics Engine (binding
 * `CACHE_ANALYTICS`): blobs `[environment, routeClass, outcome]`, double `1`, index `routeClass`. It only reads
 * the `Cache-Status` header the cache middleware already set, after the response is built; `writeDataPoint`
 * does not block. Without the binding (local runs) it does nothing.
 *
 * @example app.use(classify(policy.routeClasses)); app.use(cacheAnalytics({ environment: policy.environment }));
 */
export function cacheAnalytics(options: CacheAnalyticsOptions): MiddlewareHandler<EdgeEnv> {
  const { environment } = options;
  return async function recordCacheOutcome(c, next) {
    await next();
    const dataset = c.env.CACHE_ANALYTICS;
    if (!dataset) return;
    const routeClass = c.get("route")?.className ?? "default";
    const outcome = cacheOutcome(c.res.headers.get("cache-status"));
    dataset.writeDataPoint({
      blobs: [environment, routeClass, outcome],
      doubles: [1],
      indexes: [routeClass],
    });
  };
}
