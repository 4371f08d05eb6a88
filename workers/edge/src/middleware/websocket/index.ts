import type { CachePolicy } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import type { MiddlewareHandler } from "hono";
import { plainResponse } from "../../lib/respond.ts";
import type { EdgeShared } from "../../lib/shared.ts";
import type { EdgeEnv } from "../../types.ts";
import { proxy } from "../proxy/index.ts";

/**
 * WebSocket passthrough: an `Upgrade: websocket` GET is forwarded to the origin and the origin's 101 (with its
 * socket) handed back, never cached. Other requests of the class (e.g. Socket.IO long-polling) are proxied and
 * carry the class's Cache-Control (`no-store` for a bypass class), the same value NGINX sends.
 */
export function websocket(shared: EdgeShared, cache: CachePolicy): MiddlewareHandler<EdgeEnv> {
  const forward = proxy(shared);
  const cacheControl = cacheControlFor(cache);
  return async function websocketHandler(c, next) {
    const upgrade = c.req.header("upgrade");
    if (upgrade && upgrade.toLowerCase() === "websocket" && c.req.method !== "GET")
      return plainResponse(400, "websocket: upgrade needs GET");
    const res = await forward(c, next);
    if (res && res.status !== 101) res.headers.set("cache-control", cacheControl);
    return res;
  };
}
