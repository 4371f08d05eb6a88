import { securityHeadersFor } from "@edge/platform/headers";
import type { MiddlewareHandler } from "hono";
import { mutableCopy } from "../../lib/respond.ts";
import type { WorkerPolicy } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";

export interface SecurityHeadersOptions {
  securityHeaders: WorkerPolicy["securityHeaders"];
  /** CSP profile for responses of the default (unclassified) class that are not HTML. @default "static" */
  defaultProfile?: string;
  /** CSP profile for HTML from the default class. @default "document" */
  documentProfile?: string;
}

const NONCE_PLACEHOLDER = "__EDGE_NONCE__";

/**
 * A profile's headers as a cache can store them with an entry, so that a hit needs no header work here:
 * the names to remove, the pairs to set, and a fingerprint of both (a stored entry whose fingerprint differs
 * was filled under another model and gets the current headers applied as usual).
 */
export interface PreparedHeaders {
  remove: readonly string[];
  set: readonly (readonly [string, string])[];
  fingerprint: string;
}

/** Responses that carry their prepared headers already (a cache hit of a current entry): passed through. */
const prepared = new WeakSet<Response>();

/** Marks a response whose headers were prepared at fill time with the current {@link PreparedHeaders}. */
export function markPrepared(res: Response): void {
  prepared.add(res);
}

/** FNV-1a, 32 bits, hex: enough to tell two header sets apart, synchronous for the hit path. */
function fingerprintOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/**
 * The headers of `profile` for storing with cache entries, or undefined for a nonce profile (each response
 * needs its own nonce, so nothing can be prepared).
 */
export function preparedHeadersFor(
  policy: WorkerPolicy["securityHeaders"],
  profile: string,
): PreparedHeaders | undefined {
  if (!policy.csp[profile] || policy.csp[profile].nonceScripts) return undefined;
  const remove = policy.removeResponseHeaders.map((h) => h.toLowerCase());
  const set = Object.entries(securityHeadersFor(policy, profile)).map(
    ([n, v]) => [n.toLowerCase(), v] as const,
  );
  return { remove, set, fingerprint: fingerprintOf(JSON.stringify([remove, set])) };
}

/** 128 random bits, base64: a fresh CSP nonce for one response. */
function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

interface Profile {
  /** Header name/value pairs, precomputed (CSP without nonce). */
  fixed: [string, string][];
  /** For nonce profiles: the CSP split around the nonce. */
  cspParts?: [string, string];
}

/**
 * Adds the model's security headers to every response (errors, cached and image responses included), removes
 * Server/X-Powered-By and friends, and for HTML of a nonce profile injects a fresh nonce into every `<script>`
 * (HTMLRewriter, streaming) and the CSP. Mount it first so it also wraps error responses.
 */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler<EdgeEnv> {
  const policy = options.securityHeaders;
  const defaultProfile = options.defaultProfile ?? "static";
  const documentProfile = options.documentProfile ?? "document";
  for (const name of [defaultProfile, documentProfile])
    if (!policy.csp[name]) throw new Error(`securityHeaders: CSP profile "${name}" is not in the model`);
  const removed = policy.removeResponseHeaders.map((h) => h.toLowerCase());
  const profiles = new Map<string, Profile>();
  for (const [name, csp] of Object.entries(policy.csp)) {
    const headers = securityHeadersFor(policy, name);
    const fixed = Object.entries(headers);
    const profile: Profile = { fixed };
    if (csp.nonceScripts) {
      const withNonce = securityHeadersFor(policy, name, { nonce: NONCE_PLACEHOLDER })[
        "Content-Security-Policy"
      ]!;
      const at = withNonce.indexOf(NONCE_PLACEHOLDER);
      if (at !== -1) {
        profile.cspParts = [withNonce.slice(0, at), withNonce.slice(at + NONCE_PLACEHOLDER.length)];
        profile.fixed = fixed.filter(([h]) => h !== "Content-Security-Policy");
      }
    }
    profiles.set(name, profile);
  }

  return async function securityHeadersHandler(c, next) {
    await next();
    let res = c.res;
    if (prepared.has(res)) return;
    const classProfile = c.get("route")?.routeClass?.securityProfile;
    // Content-Type matters only without a class profile or for nonce profiles: not read on the API hot path.
    const htmlOf = (r: Response) => r.headers.get("content-type")?.includes("text/html") ?? false;
    const profileName = classProfile ?? (htmlOf(res) ? documentProfile : defaultProfile);
    const profile = profiles.get(profileName) ?? profiles.get(defaultProfile)!;
    let replaced = false;
    try {
      apply(res.headers, profile);
    } catch {
      res = mutableCopy(res); // immutable headers (a response passed through unchanged)
      apply(res.headers, profile);
      replaced = true;
    }
    if (profile.cspParts) {
      const nonce = newNonce();
      res.headers.set("Content-Security-Policy", profile.cspParts[0] + nonce + profile.cspParts[1]);
      if (res.body && htmlOf(res)) {
        res = new HTMLRewriter()
          .on("script", {
            element(el) {
              el.setAttribute("nonce", nonce);
            },
          })
          .transform(res);
        replaced = true;
      }
    }
    if (replaced) {
      c.res = undefined; // replace without Hono merging the old headers back in
      c.res = res;
    }
  };

  function apply(headers: Headers, profile: Profile): void {
    for (const name of removed) headers.delete(name);
    for (const [name, value] of profile.fixed) headers.set(name, value);
  }
}
