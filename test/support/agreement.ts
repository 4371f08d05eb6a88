import { PLAN_LIMITS, type Platform } from "@edge/platform";
import { cacheControlFor, securityHeadersFor } from "@edge/platform/headers";
import { compileClassifier, DEFAULT_CLASS } from "@edge/platform/routing";
import {
  albRouting,
  cloudflareCacheRules,
  type NginxFiles,
  nginxAddHeaders,
  nginxLocations,
  nginxMapFallback,
  nginxSelect,
  type TerraformJson,
} from "./artefacts.ts";
import { albPathMatches, evaluate, fieldsForPath } from "./cf-expression.ts";

/** What the worker did for one sample path, observed from its real responses. */
export interface WorkerObservation {
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
}

export interface Layers {
  platform: Platform;
  cloudflare: TerraformJson;
  awsEdge: TerraformJson;
  nginx: NginxFiles;
  /** Keyed by sample path. */
  worker: Record<string, WorkerObservation>;
}

/** Paths that exercise every matcher kind and the fallthrough. */
export const SAMPLE_PATHS = [
  "/",
  "/about",
  "/docs/guide.html",
  "/assets/site.css",
  "/assets/logo.png",
  "/app.3f2a1b9c.js",
  "/js/chunk-4e1d2c3b5a6f.css",
  "/images/hero.jpg",
  "/images/team/photo.png",
  "/api/products",
  "/api/products.json",
  "/ws/chat",
  "/socket.io/",
  "/robots.txt",
  "/app.js",
  "/apis",
];

const stripNonce = (csp: string) => csp.replace(/ 'nonce-[^']+'/g, "").replace(/ 'strict-dynamic'/g, "");
// ---------- per-layer classification ----------

/** Which class Cloudflare's cache rules give a path: the one non-bypass rule whose expression matches. */
export function cloudflareClassOf(layers: Layers, path: string): string {
  const fields = { ...fieldsForPath(path, layers.platform.zone.domain), "http.cookie": "" };
  const matched = cloudflareCacheRules(layers.cloudflare)
    .filter((r) => !r.ref.endsWith("_bypass"))
    .filter((r) => evaluate(r.expression, fields));
  if (matched.length > 1) return `ambiguous(${matched.map((r) => r.ref).join(",")})`;
  return matched[0]?.ref.replace(/^cache_/, "") ?? DEFAULT_CLASS;
}

export function nginxClassOf(layers: Layers, path: string): string {
  return nginxSelect(nginxLocations(layers.nginx), path)?.className ?? "none";
}

/** The ALB action for a request: first listener rule by priority whose conditions match, else the default. */
export function albActionOf(layers: Layers, path: string, host = layers.platform.zone.domain): string {
  const { rules, defaultAction } = albRouting(layers.awsEdge);
  const hit = rules.find(
    (r) =>
      r.patterns.some((p) => albPathMatches(p, path)) && (r.hosts.length === 0 || r.hosts.includes(host)),
  );
  return hit?.action ?? defaultAction;
}

/** What the model says the ALB must do for a class (only prefix and exact matchers are ALB-expressible). */
export function expectedAlbAction(platform: Platform, path: string): string {
  const albOnly = Object.fromEntries(
    Object.entries(platform.routeClasses)
      .map(
        ([name, rc]) =>
          [name, { ...rc, match: rc.match.filter((m) => "prefix" in m || "exact" in m) }] as const,
      )
      .filter(([, rc]) => rc.match.length > 0),
  );
  const cls = compileClassifier(albOnly)(path);
  if (cls === DEFAULT_CLASS) return `forward:${platform.defaultPool}`;
  const rc = platform.routeClasses[cls]!;
  return rc.albAction === "redirect-to-cdn" ? `redirect:${platform.zone.cdnHost}` : `forward:${rc.pool}`;
}

/** The class whose Cache-Control and CSP the worker's response carries (each class's pair is distinct). */
export function workerClassOf(layers: Layers, path: string): string {
  const seen = layers.worker[path];
  if (!seen) return "unobserved";
  const p = layers.platform;
  const csp = stripNonce(seen.headers["content-security-policy"] ?? "");
  const cc = seen.headers["cache-control"] ?? "";
  const candidates = Object.entries(p.routeClasses).filter(
    ([, rc]) =>
      cacheControlFor(rc.cache) === cc &&
      stripNonce(
        securityHeadersFor(p.securityHeaders, rc.securityProfile)["Content-Security-Policy"] ?? "",
      ) === csp,
  );
  if (candidates.length === 1) return candidates[0]![0];
  return candidates.length === 0 ? DEFAULT_CLASS : `ambiguous(${candidates.map(([n]) => n).join(",")})`;
}

// ---------- the checks ----------

/** Every way the layers disagree with the model or each other; empty when they agree. */
export function disagreements(layers: Layers, paths: readonly string[] = SAMPLE_PATHS): string[] {
  const problems: string[] = [];
  const p = layers.platform;
  const model = compileClassifier(p.routeClasses);
  const cfRules = cloudflareCacheRules(layers.cloudflare);
  // The header names every profile sends (the same set for each; only values differ).
  const securityHeaderNames = Object.keys(
    securityHeadersFor(p.securityHeaders, Object.keys(p.securityHeaders.csp)[0]!),
  ).map((h) => h.toLowerCase());

  // 1. Cache numbers per route class.
  for (const [name, rc] of Object.entries(p.routeClasses)) {
    const cf = cfRules.find((r) => r.ref === `cache_${name}`);
    if (!cf) {
      problems.push(`cloudflare: no cache rule cache_${name}`);
    } else if (rc.cache.mode === "bypass") {
      if (cf.cache) problems.push(`cloudflare: ${name} must bypass the cache`);
    } else {
      if (!cf.cache) problems.push(`cloudflare: ${name} must be cached`);
      // Cloudflare's edge TTL is the model's number wherever the plan's minimum edge TTL allows it; below that,
      // bypass_by_default (never respect_origin, whose default for a 200 without Cache-Control is 120 minutes).
      const edgeMode =
        rc.cache.edgeTtlSeconds >= PLAN_LIMITS[p.cloudflare.plan].minEdgeTtlSeconds
          ? "override_origin"
          : "bypass_by_default";
      const wantMode = edgeMode;
      if (cf.edgeTtl?.mode !== wantMode)
        problems.push(`cloudflare: ${name} edge_ttl.mode ${cf.edgeTtl?.mode} ≠ ${wantMode}`);
      if (cf.edgeTtl?.mode === "override_origin" && cf.edgeTtl?.default !== rc.cache.edgeTtlSeconds) {
        problems.push(
          `cloudflare: ${name} edge TTL ${cf.edgeTtl?.default} ≠ model ${rc.cache.edgeTtlSeconds}`,
        );
      }
      const browserOverride = !rc.cache.respectOriginCacheControl;
      if (browserOverride && cf.browserTtl?.default !== rc.cache.browserTtlSeconds) {
        problems.push(
          `cloudflare: ${name} browser TTL ${cf.browserTtl?.default} ≠ model ${rc.cache.browserTtlSeconds}`,
        );
      }
      // Query-string lists in cache keys are Enterprise-only; below it the worker's normalized key drops them.
      const wantIgnored = p.cloudflare.plan === "enterprise" ? p.cacheKey.ignoredQueryParams : [];
      if (cf.ignoredQueryParams.join(",") !== wantIgnored.join(",")) {
        problems.push(
          `cloudflare: ${name} ignores query params [${cf.ignoredQueryParams}] ≠ model [${p.cacheKey.ignoredQueryParams}]`,
        );
      }
    }
    const route = layers.nginx[`nginxconfig/routes/${name}.conf`];
    if (!route) {
      problems.push(`nginx: no routes/${name}.conf`);
      continue;
    }
    const nginxCc = nginxAddHeaders(route)["cache-control"];
    const resolved = nginxCc?.startsWith("$") ? nginxMapFallback(layers.nginx, nginxCc) : nginxCc;
    if (resolved !== cacheControlFor(rc.cache)) {
      problems.push(`nginx: ${name} Cache-Control "${resolved}" ≠ model "${cacheControlFor(rc.cache)}"`);
    }
  }

  // 2. Classification and, per sample path, the worker's headers against nginx's.
  for (const path of paths) {
    const want = model(path);
    const got = {
      cloudflare: cloudflareClassOf(layers, path),
      nginx: nginxClassOf(layers, path),
      worker: workerClassOf(layers, path),
    };
    for (const [layer, cls] of Object.entries(got)) {
      if (cls !== want) problems.push(`${layer}: ${path} is "${cls}", the model says "${want}"`);
    }
    const alb = albActionOf(layers, path);
    const albWant = expectedAlbAction(p, path);
    if (alb !== albWant) problems.push(`alb: ${path} → ${alb}, the model says ${albWant}`);
    // The worker fetches the origin with the origin's host: the ALB must forward, never redirect (no loop).
    const fromWorker = albActionOf(layers, path, new URL(p.origin.url).hostname);
    if (fromWorker.startsWith("redirect:"))
      problems.push(`alb: ${path} from the edge worker → ${fromWorker} (a loop)`);

    const seen = layers.worker[path];
    const location = nginxSelect(nginxLocations(layers.nginx), path);
    if (!seen || !location?.className) continue;
    const routeFile = location.className === DEFAULT_CLASS ? "_unmatched" : location.className;
    const nginxHeaders = nginxSecurityHeaders(layers.nginx, routeFile);
    for (const header of securityHeaderNames) {
      const a =
        header === "content-security-policy" ? stripNonce(seen.headers[header] ?? "") : seen.headers[header];
      const b = nginxHeaders[header];
      if (a !== b) problems.push(`headers: ${path} ${header}: worker "${a}" ≠ nginx "${b}"`);
    }
  }
  return problems;
}

/** Security headers a route's location sends: the `security/*.conf` it includes. */
function nginxSecurityHeaders(files: NginxFiles, routeFile: string): Record<string, string> {
  const route = files[`nginxconfig/routes/${routeFile}.conf`] ?? "";
  const include = /include\s+(nginxconfig\/security\/[\w-]+\.conf)\s*;/.exec(route)?.[1];
  return include ? nginxAddHeaders(files[include] ?? "") : {};
}
