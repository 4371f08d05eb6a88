import type { RouteClass } from "@edge/platform";
import { FINGERPRINT_PATTERN, orderedRules, type RoutingRule } from "@edge/platform/routing";
import type { Resolved } from "../options.ts";
import { cacheControlHeaders, hasCookie } from "./cache-control.ts";
import { DEFAULT_ROUTE, FILES, varName } from "./names.ts";
import { block, comment, directive, type Entry, mapEntries } from "./serialize.ts";

/** The location head for one matcher, following the shared precedence (see MATCHER_TIER). */
export function locationHead(rule: RoutingRule): string[] {
  const m = rule.matcher;
  if ("exact" in m) return ["location", "=", m.exact];
  if ("prefix" in m) return ["location", "^~", m.prefix];
  if ("fingerprinted" in m) return ["location", "~", `${FINGERPRINT_PATTERN}(${m.fingerprinted.join("|")})$`];
  // Extensions compare lower-cased (like the classifier); a dotfile such as /.html has no extension.
  if ("extensions" in m) return ["location", "~*", `[^/]\\.(${m.extensions.join("|")})$`];
  return ["location", "~", "/[^./]*$"];
}

/**
 * The security profile of paths no class claims: the pages' profile (handler html) when there is one, else the
 * first class's. nginx's own responses (redirects, errors outside routes, /healthz) use it too.
 */
export function defaultProfile(routeClasses: Readonly<Record<string, RouteClass>>, fallback: string): string {
  const classes = Object.values(routeClasses);
  return (classes.find((c) => c.handler === "html") ?? classes[0])?.securityProfile ?? fallback;
}

/** What every location of one class does: security headers, Cache-Control, affinity cookie, proxying. */
export function routeConf(r: Resolved, className: string): Entry[] {
  const p = r.platform;
  const rc = p.routeClasses[className];
  const poolName = rc?.pool ?? p.defaultPool;
  const profile =
    rc?.securityProfile ?? defaultProfile(p.routeClasses, Object.keys(p.securityHeaders.csp)[0]!);
  const entries: Entry[] = [
    comment(
      rc ? `${className}: ${rc.description}` : `Paths no route class claims → defaultPool "${poolName}".`,
    ),
    directive("include", FILES.security(profile)),
    directive("include", rc?.handler === "websocket" ? FILES.proxyWebsocket : FILES.proxy),
  ];
  if (rc) {
    entries.push(
      directive("proxy_hide_header", "Cache-Control"),
      ...cacheControlHeaders(className, rc.cache),
    );
  }
  if (rc && affinityCookieRule(r, rc) !== null) {
    entries.push(directive("add_header", "Set-Cookie", affinitySetCookie(className)));
  }
  entries.push(directive("include", FILES.pool(poolName)));
  return entries;
}

/** Every route-class location in precedence order, then `location /` for the default pool. */
export function routeLocations(r: Resolved): Entry[] {
  const rules = orderedRules(r.platform.routeClasses);
  return [
    ...rules.map((rule) => block(locationHead(rule), [directive("include", FILES.route(rule.className))])),
    block(["location", "/"], [directive("include", FILES.route(DEFAULT_ROUTE))]),
  ];
}

/** `$affinity_cookie_<class>`: the LB cookie to issue on this class's responses, or empty. */
export const affinitySetCookie = (className: string) => `$affinity_cookie_${varName(className)}`;

/**
 * When the LB issues its affinity cookie (lb_cookie pools). Never on responses a shared cache may store — a
 * Set-Cookie would stop the edge from caching them, or worse be cached for everyone — so only when the client
 * has none yet and the response is uncacheable: the class bypasses the cache, or the request carries one of the
 * class's bypassOnCookies (a session). Returns the map rule, or null when the class never issues one.
 */
function affinityCookieRule(r: Resolved, rc: RouteClass) {
  const stickiness = r.platform.pools[rc.pool]!.stickiness;
  if (stickiness.type !== "lb_cookie") return null;
  const bypass = rc.cache.mode === "bypass";
  if (!bypass && rc.cache.bypassOnCookies.length === 0) return null;
  const { cookieName, durationSeconds } = stickiness;
  const set = `${cookieName}=$request_id; Path=/; Max-Age=${durationSeconds}; Secure; HttpOnly; SameSite=Lax`;
  const pairs: [string, string][] = [[hasCookie([cookieName]), ""]];
  if (!bypass) pairs.push([hasCookie(rc.cache.bypassOnCookies), set]);
  const when = bypass ? "when missing" : `with a session (${rc.cache.bypassOnCookies.join(", ")})`;
  return { pairs, fallback: bypass ? set : "", note: `issue ${cookieName} ${when}` };
}

/** `map $http_cookie $affinity_cookie_<class>` for every class that may issue the LB cookie. */
export function affinityCookieMaps(r: Resolved): Entry[] {
  return Object.entries(r.platform.routeClasses).flatMap(([className, rc]) => {
    const rule = affinityCookieRule(r, rc);
    if (!rule) return [];
    return [
      comment(`${className}: ${rule.note}.`),
      block(["map", "$http_cookie", affinitySetCookie(className)], mapEntries(rule.pairs, rule.fallback)),
    ];
  });
}
