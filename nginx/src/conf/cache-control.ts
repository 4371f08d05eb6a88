import type { CachePolicy } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import type { Resolved } from "../options.ts";
import { varName } from "./names.ts";
import { block, comment, directive, type Entry, mapEntries } from "./serialize.ts";

/**
 * A route class's downstream Cache-Control, split by who asked. A class that caches but bypasses requests with
 * `Authorization` or a session cookie (`bypassOnAuthorization`, `bypassOnCookies`) answers those requests for
 * one user: the class's `public, …, s-maxage=…` value must never go on them, since RFC 9111 §3.5 lets a shared
 * cache (Cloudflare's, a corporate proxy) store even an authorized answer that says `public` or `s-maxage`. So:
 * - anonymous requests: the class's value (or the origin's, when the class respects it), on 2xx/3xx only — no
 *   `always`: a year-long max-age must never stick to an error;
 * - personal requests: the origin's value when the class respects it and the origin sent one, else the class's
 *   bypass value (`cacheControlFor` of a bypass policy: `no-store`), on every status (`always`: an error page
 *   for one user is personal too, and `no-store` is never wrong on an error).
 * The edge worker answers the same (workers/edge/src/lib/personal.ts).
 */

/** `$cache_personal_<class>` on a personal request; "" on any other. No Cache-Control starts with it (`:` is no token character). */
const PERSONAL = "personal:";

/** True when a cacheable class bypasses some requests as personal (Authorization or a session cookie). */
export const hasPersonalRequests = (cache: CachePolicy): boolean =>
  cache.mode === "cache" && (cache.bypassOnAuthorization || cache.bypassOnCookies.length > 0);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A map key matching a Cookie header that carries one of `names` (case-sensitive, like the worker's check).
 * A regex on `$http_cookie`, not `$cookie_<name>`: that variable cannot name cookies with `-` or `.`, and is
 * empty for `name=` with an empty value, which the worker still counts.
 */
export const hasCookie = (names: readonly string[]) => `~(^|;\\s*)(${names.map(escapeRegex).join("|")})=`;

const personalVar = (className: string) => `$cache_personal_${varName(className)}`;
const anonymousValue = (className: string) => `$cache_control_${varName(className)}`;
const personalValue = (className: string) => `$cache_control_personal_${varName(className)}`;

/** The `add_header Cache-Control` lines of one class's locations (after `proxy_hide_header Cache-Control`). */
export function cacheControlHeaders(className: string, cache: CachePolicy): Entry[] {
  const respect = cache.mode === "cache" && cache.respectOriginCacheControl;
  if (!hasPersonalRequests(cache)) {
    // Without `always`: a year-long max-age must never stick to an error.
    return [
      directive("add_header", "Cache-Control", respect ? anonymousValue(className) : cacheControlFor(cache)),
    ];
  }
  return [
    comment("Anonymous requests (2xx/3xx only); personal ones (every status): never the public value."),
    directive("add_header", "Cache-Control", anonymousValue(className)),
    directive("add_header", "Cache-Control", personalValue(className), "always"),
  ];
}

/** The maps behind {@link cacheControlHeaders}, for maps.conf. */
export function cacheControlMaps(r: Resolved): Entry[] {
  return Object.entries(r.platform.routeClasses).flatMap(([name, rc]) => {
    const { cache } = rc;
    const respect = cache.mode === "cache" && cache.respectOriginCacheControl;
    if (!hasPersonalRequests(cache)) {
      if (!respect) return [];
      return [
        block(
          ["map", "$upstream_http_cache_control", anonymousValue(name)],
          mapEntries([["", cacheControlFor(cache)]], "$upstream_http_cache_control"),
        ),
      ];
    }
    return [null, comment(`${name}: ${personalNote(cache)}`), ...personalMaps(name, cache, respect)];
  });
}

function personalNote(cache: CachePolicy): string {
  const why = [
    ...(cache.bypassOnAuthorization ? ["Authorization"] : []),
    ...(cache.bypassOnCookies.length > 0 ? [`a session cookie (${cache.bypassOnCookies.join(", ")})`] : []),
  ];
  return `a request with ${why.join(" or ")} is personal: its answer is never public.`;
}

function personalMaps(name: string, cache: CachePolicy, respect: boolean): Entry[] {
  const personal = personalVar(name);
  const cookies = cache.bypassOnCookies;
  const session = `$cache_session_${varName(name)}`;
  const detect: Entry[] = [];
  if (cookies.length > 0) {
    const target = cache.bypassOnAuthorization ? session : personal;
    detect.push(block(["map", "$http_cookie", target], mapEntries([[hasCookie(cookies), PERSONAL]], "")));
  }
  if (cache.bypassOnAuthorization) {
    const none = cookies.length > 0 ? session : "";
    // nginx cannot tell an empty Authorization header from none; an empty one carries no credential.
    detect.push(block(["map", "$http_authorization", personal], mapEntries([["", none]], PERSONAL)));
  }
  const bypass = cacheControlFor({ ...cache, mode: "bypass" });
  const classValue = cacheControlFor(cache);
  if (!respect) {
    return [
      ...detect,
      block(["map", personal, anonymousValue(name)], mapEntries([["", classValue]], "")),
      block(["map", personal, personalValue(name)], mapEntries([["", ""]], bypass)),
    ];
  }
  // Keyed on the marker followed by the origin's value: "" is an anonymous request the origin sent none for.
  const key = `${personal}$upstream_http_cache_control`;
  return [
    ...detect,
    block(
      ["map", key, anonymousValue(name)],
      mapEntries(
        [
          ["", classValue],
          [`~^${PERSONAL}`, ""],
        ],
        "$upstream_http_cache_control",
      ),
    ),
    block(
      ["map", key, personalValue(name)],
      mapEntries(
        [
          [PERSONAL, bypass],
          [`~^${PERSONAL}`, "$upstream_http_cache_control"],
        ],
        "",
      ),
    ),
  ];
}
