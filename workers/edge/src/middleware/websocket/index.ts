import type { CachePolicy } from "@edge/platform";
import type { MiddlewareHandler } from "hono";
import type { Origin } from "../../lib/origin.ts";
import { plainResponse } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";
import { proxy } from "../proxy/index.ts";

/**
 * WebSocket passthrough: an `Upgrade: websocket` GET is forwarded to the origin and the origin's 101 (with its
 * socket) handed back, never cached. Other requests of the class (e.g. Socket.IO long-polling) are proxied and
 * carry the class's Cache-Control (`no-store` for a bypass class), the same value NGINX sends.
 */
export interface WebsocketOptions {
  /** Where upgrades and other requests of the class go. */
  origin: Origin;
  /** The class's cache policy: its Cache-Control goes on every non-upgrade answer. */
  cache: CachePolicy;
}

export function websocket(options: WebsocketOptions): MiddlewareHandler<EdgeEnv> {
  const forward = proxy({ origin: options.origin, cache: options.cache });
  return async function websocketHandler(c, next) {
    const upgrade = c.req.header("upgrade");
    if (upgrade && upgrade.toLowerCase() === "websocket" && c.req.method !== "GET")
      return plainResponse(400, "websocket: upgrade needs GET");
    return forward(c, next);
  };
}
