import type { CachePolicy } from "../schema/routes.ts";
import type { CspProfile, SecurityHeaders } from "../schema/security.ts";

/** Renders a CSP. With a nonce and `nonceScripts`, script-src gets `'nonce-…' 'strict-dynamic'`. */
export function renderCsp(profile: CspProfile, nonce?: string): string {
  return Object.entries(profile.directives)
    .map(([name, sources]) => {
      const list =
        name === "script-src" && profile.nonceScripts && nonce
          ? [...sources, `'nonce-${nonce}'`, "'strict-dynamic'"]
          : sources;
      return list.length > 0 ? `${name} ${list.join(" ")}` : name;
    })
    .join("; ");
}

/** `camera=(), geolocation=(self)` from feature → allow list. */
export function renderPermissionsPolicy(policy: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(policy)
    .map(([feature, allow]) => `${feature}=(${allow.join(" ")})`)
    .join(", ");
}

export function renderHsts(hsts: SecurityHeaders["hsts"]): string {
  return [
    `max-age=${hsts.maxAgeSeconds}`,
    hsts.includeSubDomains && "includeSubDomains",
    hsts.preload && "preload",
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * The full security header set for one CSP profile. The worker and nginx both render from this, so their
 * header sets cannot drift. Names are in canonical case.
 */
export function securityHeadersFor(
  policy: SecurityHeaders,
  profileName: string,
  options: { nonce?: string } = {},
): Record<string, string> {
  const profile = policy.csp[profileName];
  if (!profile) throw new Error(`unknown CSP profile "${profileName}"`);
  return {
    "Strict-Transport-Security": renderHsts(policy.hsts),
    "Content-Security-Policy": renderCsp(profile, options.nonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": policy.frameOptions,
    "Referrer-Policy": policy.referrerPolicy,
    "Permissions-Policy": renderPermissionsPolicy(policy.permissionsPolicy),
    "Cross-Origin-Opener-Policy": policy.crossOriginOpenerPolicy,
    "Cross-Origin-Resource-Policy": policy.crossOriginResourcePolicy,
  };
}

/**
 * The Cache-Control a route class sends downstream (browsers and shared caches).
 * e.g. static: `public, max-age=31536000, immutable`; api: `public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=600`.
 */
export function cacheControlFor(cache: CachePolicy): string {
  if (cache.mode === "bypass") return "no-store";
  const parts = ["public", `max-age=${cache.browserTtlSeconds}`];
  if (cache.edgeTtlSeconds !== cache.browserTtlSeconds) parts.push(`s-maxage=${cache.edgeTtlSeconds}`);
  if (cache.staleWhileRevalidateSeconds > 0)
    parts.push(`stale-while-revalidate=${cache.staleWhileRevalidateSeconds}`);
  if (cache.staleIfErrorSeconds > 0) parts.push(`stale-if-error=${cache.staleIfErrorSeconds}`);
  if (cache.immutable) parts.push("immutable");
  return parts.join(", ");
}
