import type { CachePolicy } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import { personalCacheControl, personalReason } from "./personal.ts";

/**
 * The statuses NGINX's `add_header` (without `always`) applies to: 200, 201, 204, 206, 301, 302, 303, 304,
 * 307, 308 (nginx.org ngx_http_headers_module, add_header). NGINX renders a class's Cache-Control that way
 * (nginx/src/conf/routes.ts routeConf) so a long max-age never sticks to an error.
 */
const NGINX_ADD_HEADER_STATUSES = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

/**
 * Sets a route class's downstream Cache-Control on a proxied answer, the same value NGINX sends for the class:
 * - a bypass class: `no-store` on every answer (errors too: never wrong for a class nothing may store);
 * - a cached class: on the statuses above, the origin's value when the class respects it and the origin sent
 *   one (NGINX's `$cache_control_<class>` map: empty counts as none), else `cacheControlFor(cache)`; other
 *   statuses keep their own (the origin's, or the worker's `no-store` on its 502/504) — where NGINX hides the
 *   origin's and sends none, the origin's own value is kept, as no shared cache is told to store an error.
 * - a personal request of a cached class (Authorization, a session cookie: `personalReason`): never the public
 *   value — the origin's when respected, else `no-store`, on every status (`personalCacheControl`, NGINX's
 *   `$cache_control_personal_<class>`).
 * A 101 (WebSocket upgrade) is left alone. Returns a function that edits the (mutable) response in place.
 */
export function classCacheControl(cache: CachePolicy): (res: Response, request: Headers) => Response {
  const value = cacheControlFor(cache);
  const fromOrigin = cache.mode === "cache" && cache.respectOriginCacheControl;
  const personalWhy = personalReason(cache);
  const personal = personalCacheControl(cache);
  return (res, request) => {
    if (res.status === 101) return res;
    if (cache.mode === "cache" && personalWhy(request)) return personal(res);
    if (cache.mode !== "bypass") {
      if (!NGINX_ADD_HEADER_STATUSES.has(res.status)) return res;
      if (fromOrigin && res.headers.get("cache-control")) return res;
    }
    res.headers.set("cache-control", value);
    return res;
  };
}
