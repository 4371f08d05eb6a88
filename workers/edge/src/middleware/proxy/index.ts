import type { MiddlewareHandler } from "hono";
import { type Origin, OriginError, passToOrigin } from "../../lib/origin.ts";
import { mutableCopy } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";

export interface ProxyOptions {
  /** Where requests go (base URL per environment, timeout, request body limit). */
  origin: Origin;
}

/**
 * Plain reverse proxying (classes without a cache, the default class, WebSocket upgrades): the client's method,
 * headers and body go to the origin minus hop-by-hop and untrusted forwarding headers; origin failures become a
 * clean 502/504 (or 413 for a streamed body over the limit).
 */
export function proxy(options: ProxyOptions): MiddlewareHandler<EdgeEnv> {
  const { origin } = options;
  return async function proxyHandler(c) {
    const res = await passToOrigin(c.env, c.req.raw, origin);
    return res instanceof OriginError ? res.toResponse() : mutableCopy(res);
  };
}
