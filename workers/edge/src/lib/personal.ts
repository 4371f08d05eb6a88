import type { CachePolicy } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";

/**
 * Why a request is personal for a cacheable class (`bypassOnAuthorization`, `bypassOnCookies`), or undefined.
 * Cookie names match case-sensitively, anywhere in the header, whatever their value — as NGINX's
 * `$cache_personal_<class>` map does (nginx/src/conf/cache-control.ts).
 */
export function personalReason(cache: CachePolicy): (headers: Headers) => string | undefined {
  const sessionCookies = cache.bypassOnCookies.map(
    (cookie) => new RegExp(`(?:^|;)\\s*${cookie.replace(/\./g, "\\.")}=`),
  );
  return (headers) => {
    if (cache.bypassOnAuthorization && headers.has("authorization")) return "authorization";
    if (sessionCookies.length > 0) {
      const cookie = headers.get("cookie");
      if (cookie && sessionCookies.some((re) => re.test(cookie))) return "session-cookie";
    }
    return undefined;
  };
}

/**
 * The Cache-Control of a personal answer, the value NGINX sends for it: the origin's when the class respects it
 * and the origin sent one, else the class's bypass value (`no-store`), on every status. Never the class's
 * `public, …, s-maxage=…` value: RFC 9111 §3.5 lets a shared cache after us (Cloudflare's, a corporate proxy)
 * store even an authorized answer that carries `public` or `s-maxage`. Edits the (mutable) response in place.
 */
export function personalCacheControl(cache: CachePolicy): (res: Response) => Response {
  const bypass = cacheControlFor({ ...cache, mode: "bypass" });
  const fromOrigin = cache.respectOriginCacheControl;
  return (res) => {
    if (!fromOrigin || !res.headers.get("cache-control")) res.headers.set("cache-control", bypass);
    return res;
  };
}
