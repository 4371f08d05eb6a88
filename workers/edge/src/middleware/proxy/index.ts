import type { MiddlewareHandler } from "hono";
import { fetchOrigin, type OriginError, passRequest } from "../../lib/origin.ts";
import { mutableCopy } from "../../lib/respond.ts";
import type { EdgeShared } from "../../lib/shared.ts";
import type { EdgeEnv } from "../../types.ts";

/**
 * Plain reverse proxying (classes without a cache, the default class, WebSocket upgrades): the client's method,
 * headers and body go to the origin minus hop-by-hop and untrusted forwarding headers; origin failures become a
 * clean 502/504 (or 413 for a streamed body over the limit).
 */
export function proxy(shared: EdgeShared): MiddlewareHandler<EdgeEnv> {
  return async function proxyHandler(c) {
    try {
      const request = await passRequest(shared.originBase(c.env), c.req.raw, shared.origin);
      return mutableCopy(await fetchOrigin(request, shared.origin));
    } catch (err) {
      return (err as OriginError).toResponse();
    }
  };
}
