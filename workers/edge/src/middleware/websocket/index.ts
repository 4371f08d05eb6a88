import type { MiddlewareHandler } from "hono";
import { plainResponse } from "../../lib/respond.ts";
import type { EdgeShared } from "../../lib/shared.ts";
import type { EdgeEnv } from "../../types.ts";
import { proxy } from "../proxy/index.ts";

/**
 * WebSocket passthrough: an `Upgrade: websocket` GET is forwarded to the origin and the origin's 101 (with its
 * socket) handed back, never cached. Other requests of the class (e.g. Socket.IO long-polling) are proxied.
 */
export function websocket(shared: EdgeShared): MiddlewareHandler<EdgeEnv> {
  const forward = proxy(shared);
  return async function websocketHandler(c, next) {
    const upgrade = c.req.header("upgrade");
    if (upgrade && upgrade.toLowerCase() === "websocket" && c.req.method !== "GET")
      return plainResponse(400, "websocket: upgrade needs GET");
    return forward(c, next);
  };
}
