import { type CloudflarePlan, PLAN_LIMITS, type Platform, type RouteClass } from "@edge/platform";
import { orderedRules } from "@edge/platform/routing";
import type { CfCacheRule } from "./artefacts.ts";

/**
 * What Cloudflare does with a class, read back from a rendered cache rule. Several renderings mean the same
 * thing (browser TTL 0 is `bypass`; `respect_origin` leaves the number to the origin's Cache-Control, which
 * NGINX and the worker send and which is checked on them), so the check compares meanings, not shapes.
 */
export interface CloudflareEffect {
  cached: boolean;
  /** Seconds, or "origin" when the origin's Cache-Control decides. */
  edgeTtl?: number | "origin";
  browserTtl?: number | "origin";
  staleWhileUpdating?: boolean;
}

type Mode = { mode: string; default?: number } | undefined;

// `respect_origin` is not "origin": for a 200 without Cache-Control it falls back to Cloudflare's default edge TTL
// (120 minutes), which no model class asks for; `bypass_by_default` stores only what the origin's header allows.
const edgeMeaning = (ttl: Mode): number | "origin" | undefined =>
  ttl === undefined || ttl.mode === "bypass_by_default"
    ? "origin"
    : ttl.mode === "override_origin"
      ? ttl.default
      : undefined;

const browserMeaning = (ttl: Mode): number | "origin" | undefined =>
  ttl === undefined || ttl.mode === "respect_origin"
    ? "origin"
    : ttl.mode === "bypass"
      ? 0 // Cloudflare tells browsers not to cache: the same as a browser TTL of 0.
      : ttl.mode === "override_origin"
        ? ttl.default
        : undefined;

export function cloudflareEffect(rule: CfCacheRule): CloudflareEffect {
  if (!rule.cache) return { cached: false };
  return {
    cached: true,
    edgeTtl: edgeMeaning(rule.edgeTtl),
    browserTtl: browserMeaning(rule.browserTtl),
    staleWhileUpdating: rule.serveStale?.disable_stale_while_updating !== true,
  };
}

/**
 * What the model asks of Cloudflare for a class, in the same terms. Cloudflare's edge TTL is the model's number
 * wherever the plan's minimum edge TTL allows it, else the origin's Cache-Control decides (README, "Plans").
 */
export function expectedCloudflareEffect(rc: RouteClass, plan: CloudflarePlan): CloudflareEffect {
  const c = rc.cache;
  if (c.mode === "bypass") return { cached: false };
  const fromOrigin = c.respectOriginCacheControl;
  return {
    cached: true,
    edgeTtl: c.edgeTtlSeconds >= PLAN_LIMITS[plan].minEdgeTtlSeconds ? c.edgeTtlSeconds : "origin",
    browserTtl: fromOrigin ? "origin" : c.browserTtlSeconds,
    staleWhileUpdating: c.staleWhileRevalidateSeconds > 0,
  };
}

/** The model field behind each part of the effect, to name in a failure. */
export const EFFECT_FIELDS: Record<keyof CloudflareEffect, string> = {
  cached: "cache.mode",
  edgeTtl: "cache.edgeTtlSeconds (or cache.respectOriginCacheControl)",
  browserTtl: "cache.browserTtlSeconds (or cache.respectOriginCacheControl)",
  staleWhileUpdating: "cache.staleWhileRevalidateSeconds",
};

/** Cache-Control directive → the model field it comes from. */
const DIRECTIVE_FIELDS: Record<string, string> = {
  "no-store": "cache.mode",
  public: "cache.mode",
  "max-age": "cache.browserTtlSeconds",
  "s-maxage": "cache.edgeTtlSeconds",
  "stale-while-revalidate": "cache.staleWhileRevalidateSeconds",
  "stale-if-error": "cache.staleIfErrorSeconds",
  immutable: "cache.immutable",
};

/** The model fields behind the directives on which two Cache-Control values differ. */
export function cacheControlFields(rendered: string | undefined, model: string): string[] {
  const parse = (v: string | undefined) =>
    new Map(
      (v ?? "")
        .split(",")
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split("=")[0]!.toLowerCase(), d] as const),
    );
  const a = parse(rendered);
  const b = parse(model);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  return [...new Set(differing.map((d) => DIRECTIVE_FIELDS[d] ?? `cache (${d})`))];
}

/** Paths that are not derived from a matcher: the root, boundaries and fallthroughs. */
const FIXED_PATHS = ["/", "/about", "/robots.txt", "/app.js", "/favicon.ico"];

/**
 * Sample paths for a model: the fixed ones plus, for every matcher of every class, paths it claims and a
 * near miss — so a new route class is checked on every layer without editing a list.
 */
export function samplePaths(p: Platform): string[] {
  const paths = new Set(FIXED_PATHS);
  for (const { matcher: m } of orderedRules(p.routeClasses)) {
    if ("prefix" in m) {
      paths.add(`${m.prefix}sample`);
      paths.add(`${m.prefix}sample.json`);
      paths.add(`${m.prefix.replace(/\/$/, "")}s`); // "/apis" is not under "/api/"
    } else if ("exact" in m) {
      paths.add(m.exact);
    } else if ("extensions" in m) {
      for (const ext of m.extensions) paths.add(`/sample/page.${ext}`);
    } else if ("fingerprinted" in m) {
      for (const ext of m.fingerprinted) paths.add(`/build/app.3f2a1b9c.${ext}`);
    } else if ("noExtension" in m) {
      paths.add("/sample/page");
    }
  }
  return [...paths];
}
