import type { CachePolicy } from "@edge/platform";
import type { MiddlewareHandler } from "hono";
import { classCacheControl } from "../../lib/class-cache-control.ts";
import { type Origin, OriginError, passToOrigin } from "../../lib/origin.ts";
import { mutableCopy } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";

export interface ProxyOptions {
  /** Where requests go (base URL per environment, timeout, request body limit). */
  origin: Origin;
  /**
   * The route class's cache policy: its Cache-Control goes on the class's answers, the value NGINX sends
   * (`classCacheControl`; personal requests never get the public value).
   * @default undefined — the default route (paths no class claims): the origin's Cache-Control, as NGINX's
   * `location /` passes it
   */
  cache?: CachePolicy;
}

/**
 * Plain reverse proxying (`proxy` classes, the default route, WebSocket classes): the client's method, headers
 * and body go to the origin minus hop-by-hop and untrusted forwarding headers; origin failures become a clean
 * 502/504 (or 413 for a streamed body over the limit).
 */
export function proxy(options: ProxyOptions): MiddlewareHandler<EdgeEnv> {
  const { origin } = options;
  const withCacheControl = options.cache ? classCacheControl(options.cache) : (res: Response) => res;
  return async function proxyHandler(c) {
    const res = await passToOrigin(c.env, c.req.raw, origin);
    return withCacheControl(
      res instanceof OriginError ? res.toResponse() : mutableCopy(res),
      c.req.raw.headers,
    );
  };
}
