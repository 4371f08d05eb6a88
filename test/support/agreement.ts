import type { Platform } from "@edge/platform";
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
import {
  cacheControlFields,
  cloudflareEffect,
  EFFECT_FIELDS,
  expectedCloudflareEffect,
  samplePaths,
} from "./effective-policy.ts";

export { samplePaths };

/** What the worker did for one sample path, observed from its real responses. */
export interface WorkerObservation {
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
}

/**
 * The worker's real answer for every sample path of the model (an image-capable `Accept`, bodies read to the
 * end), keyed by path: the worker layer of {@link Layers}.
 */
export async function observeWorker(
  workerUrl: string,
  platform: Platform,
): Promise<Record<string, WorkerObservation>> {
  const observed: Record<string, WorkerObservation> = {};
  for (const path of samplePaths(platform)) {
    const res = await fetch(`${workerUrl}${path}`, { headers: { Accept: "image/webp,*/*" } });
    await res.arrayBuffer();
    observed[path] = { status: res.status, headers: Object.fromEntries(res.headers) };
  }
  return observed;
}

export interface Layers {
  platform: Platform;
  cloudflare: TerraformJson;
  awsEdge: TerraformJson;
  nginx: NginxFiles;
  /** Keyed by sample path. */
  worker: Record<string, WorkerObservation>;
}

const stripNonce = (csp: string) => csp.replace(/ 'nonce-[^']+'/g, "").replace(/ 'strict-dynamic'/g, "");
// ---------- per-layer classification ----------

/** Which class Cloudflare's cache rules give a path: the one non-bypass rule whose expression matches. */
export function cloudflareClassOf(layers: Layers, path: string): string {
  const fields = { ...fieldsForPath(path, layers.platform.zone.domain), "http.cookie": "" };
  const matched = cloudflareCacheRules(layers.cloudflare, layers.platform.zone.domain)
    .filter((r) => !r.ref.endsWith("_bypass"))
    .filter((r) => evaluate(r.expression, fields));
  if (matched.length > 1) return `ambiguous(${matched.map((r) => r.ref).join(",")})`;
  return matched[0]?.ref.replace(/^cache_/, "") ?? DEFAULT_CLASS;
}

export function nginxClassOf(layers: Layers, path: string): string {
  return nginxSelect(nginxLocations(layers.nginx), path)?.className ?? "none";
}

/**
 * The ALB action for a request: first listener rule by priority whose conditions match, else the default. With
 * `originAuth` the request carries an accepted value of the model's origin-auth header (as the worker's origin
 * fetches do); a rule requiring any other header never matches.
 */
export function albActionOf(
  layers: Layers,
  path: string,
  host = layers.platform.zone.domain,
  originAuth = true,
): string {
  const { rules, defaultAction } = albRouting(layers.awsEdge, Object.keys(layers.platform.pools));
  const carried = originAuth ? [layers.platform.originAuth.headerName.toLowerCase()] : [];
  const hit = rules.find(
    (r) =>
      (r.patterns.length === 0 || r.patterns.some((p) => albPathMatches(p, path))) &&
      (r.hosts.length === 0 || r.hosts.includes(host)) &&
      r.headers.every((h) => carried.includes(h)),
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

/**
 * The classes whose Cache-Control and CSP pair the worker's response carries. Two classes with the same cache
 * policy and security profile are indistinguishable from outside, so this returns every candidate.
 */
export function workerClassesOf(layers: Layers, path: string): string[] {
  const seen = layers.worker[path];
  if (!seen) return ["unobserved"];
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
  return candidates.length === 0 ? [DEFAULT_CLASS] : candidates.map(([name]) => name);
}

// ---------- the checks ----------

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

/**
 * Every way the layers disagree with the model or each other; empty when they agree. Each line names the layer,
 * the route class (or path), what was rendered, what the model says and the model field to look at.
 */
export function disagreements(
  layers: Layers,
  paths: readonly string[] = samplePaths(layers.platform),
): string[] {
  const problems: string[] = [];
  const p = layers.platform;
  const at = `(${p.environment})`;
  const model = compileClassifier(p.routeClasses);
  const cfRules = cloudflareCacheRules(layers.cloudflare, layers.platform.zone.domain);
  // The header names every profile sends (the same set for each; only values differ).
  const securityHeaderNames = Object.keys(
    securityHeadersFor(p.securityHeaders, Object.keys(p.securityHeaders.csp)[0]!),
  ).map((h) => h.toLowerCase());

  // 1. Cache numbers per route class.
  for (const [name, rc] of Object.entries(p.routeClasses)) {
    const cf = cfRules.find((r) => r.ref === `cache_${name}`);
    if (!cf) {
      problems.push(
        `cloudflare: no cache rule cache_${name} for route class "${name}" — see routeClasses.${name} ${at}`,
      );
    } else {
      const got = cloudflareEffect(cf);
      const want = expectedCloudflareEffect(rc, p.cloudflare.plan);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        if (got[key] === want[key]) continue;
        const rendered =
          key === "edgeTtl"
            ? cf.edgeTtl
            : key === "browserTtl"
              ? cf.browserTtl
              : key === "cached"
                ? cf.cache
                : cf.serveStale;
        problems.push(
          `cloudflare: ${name} ${key === "edgeTtl" ? "edge TTL" : key === "browserTtl" ? "browser TTL" : key} ${show(got[key])} ≠ model ${show(want[key])} — rendered ${JSON.stringify(rendered)}; see routeClasses.${name}.${EFFECT_FIELDS[key]} ${at}`,
        );
      }
      // Query-string lists in cache keys are Enterprise-only; below it the worker's normalized key drops them.
      const wantIgnored = p.cloudflare.plan === "enterprise" ? p.cacheKey.ignoredQueryParams : [];
      if (want.cached && cf.ignoredQueryParams.join(",") !== wantIgnored.join(",")) {
        problems.push(
          `cloudflare: ${name} ignores query params [${cf.ignoredQueryParams}] ≠ model [${p.cacheKey.ignoredQueryParams}] — see cacheKey.ignoredQueryParams ${at}`,
        );
      }
    }
    const route = layers.nginx[`nginxconfig/routes/${name}.conf`];
    if (!route) {
      problems.push(
        `nginx: no routes/${name}.conf for route class "${name}" — see routeClasses.${name} ${at}`,
      );
      continue;
    }
    // The anonymous request's value (2xx/3xx, no `always`); personal requests are checked on a real chain
    // (test/cross-layer/personal-cache-control.test.ts).
    const nginxCc = nginxAddHeaders(route, { always: false })["cache-control"];
    const resolved = nginxCc?.startsWith("$") ? nginxMapFallback(layers.nginx, nginxCc) : nginxCc;
    const wantCc = cacheControlFor(rc.cache);
    if (resolved !== wantCc) {
      const fields = cacheControlFields(resolved, wantCc).map((f) => `routeClasses.${name}.${f}`);
      problems.push(
        `nginx: ${name} Cache-Control "${resolved}" ≠ model "${wantCc}" — see ${fields.join(", ")} ${at}`,
      );
    }
  }

  // 2. Classification and, per sample path, the worker's headers against the model's and nginx's.
  for (const path of paths) {
    const want = model(path);
    const matchField =
      want === DEFAULT_CLASS ? "routeClasses.*.match, defaultPool" : `routeClasses.${want}.match`;
    const got = { cloudflare: cloudflareClassOf(layers, path), nginx: nginxClassOf(layers, path) };
    for (const [layer, cls] of Object.entries(got)) {
      if (cls !== want)
        problems.push(`${layer}: ${path} is "${cls}", the model says "${want}" — see ${matchField} ${at}`);
    }
    const workerClasses = workerClassesOf(layers, path);
    if (!workerClasses.includes(want)) {
      const seen = layers.worker[path]?.headers["cache-control"];
      const wantCc = want === DEFAULT_CLASS ? undefined : cacheControlFor(p.routeClasses[want]!.cache);
      const detail =
        wantCc !== undefined && seen !== wantCc
          ? ` (Cache-Control "${seen}" ≠ model "${wantCc}": see ${cacheControlFields(seen, wantCc)
              .map((f) => `routeClasses.${want}.${f}`)
              .join(", ")})`
          : "";
      problems.push(
        `worker: ${path} is "${workerClasses.join("|")}", the model says "${want}"${detail} — see ${matchField} ${at}`,
      );
    }
    const alb = albActionOf(layers, path);
    const albWant = expectedAlbAction(p, path);
    if (alb !== albWant)
      problems.push(
        `alb: ${path} → ${alb}, the model says ${albWant} — see ${want === DEFAULT_CLASS ? "defaultPool" : `routeClasses.${want}.pool / albAction`} ${at}`,
      );
    // The worker fetches the origin with the origin's host: the ALB must forward, never redirect (no loop).
    const fromWorker = albActionOf(layers, path, new URL(p.origin.url).hostname);
    if (fromWorker.startsWith("redirect:"))
      problems.push(
        `alb: ${path} from the edge worker → ${fromWorker} (a loop) — see origin.url, zone.domain ${at}`,
      );
    // Origin lockdown: without the worker's secret header nothing reaches a target, for any host.
    for (const host of [new URL(p.origin.url).hostname, p.zone.domain]) {
      const locked = albActionOf(layers, path, host, false);
      if (locked.startsWith("forward:"))
        problems.push(
          `alb: ${path} for ${host} without ${p.originAuth.headerName} → ${locked} (origin lockdown) — see originAuth.headerName ${at}`,
        );
    }

    const seen = layers.worker[path];
    const location = nginxSelect(nginxLocations(layers.nginx), path);
    if (!seen || !location?.className) continue;
    const routeFile = location.className === DEFAULT_CLASS ? "_unmatched" : location.className;
    const nginxHeaders = nginxSecurityHeaders(layers.nginx, routeFile);
    for (const header of securityHeaderNames) {
      const a =
        header === "content-security-policy" ? stripNonce(seen.headers[header] ?? "") : seen.headers[header];
      const b = nginxHeaders[header];
      if (a !== b)
        problems.push(
          `headers: ${path} ${header}: worker "${a}" ≠ nginx "${b}" — see securityHeaders (profile routeClasses.${location.className}.securityProfile) ${at}`,
        );
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
