import type { Platform } from "@edge/platform";
import { compileClassifier } from "@edge/platform/routing";

/** One request warming makes: a path (with query) and the `Accept` it is sent with. */
export interface WarmTarget {
  className: string;
  path: string;
  accept: string;
}

/** The Accept header a browser sends when it prefers one negotiated format, and one with none of them. */
export function acceptHeaders(platform: Platform): string[] {
  const preferred = platform.images.formats.map((f) => `image/${f},*/*;q=0.8`);
  return [...preferred, "image/png,image/jpeg,*/*;q=0.8"];
}

/**
 * Expands paths into warming requests. Classes the edge never caches (websocket, proxy, bypass) are left out;
 * every path of the image class becomes each negotiated format × each width of the ladder the pages use.
 */
export function warmTargets(platform: Platform, paths: readonly string[]): WarmTarget[] {
  const classify = compileClassifier(platform.routeClasses);
  const widths = platform.operations.warm.imageWidths.length
    ? platform.operations.warm.imageWidths
    : platform.images.widths;
  const out: WarmTarget[] = [];
  const seen = new Set<string>();
  const add = (t: WarmTarget) => {
    const key = `${t.path}\n${t.accept}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const path of paths) {
    const className = classify(path.split("?")[0]!);
    const rc = platform.routeClasses[className];
    if (!rc || rc.cache.mode === "bypass" || rc.handler === "websocket" || rc.handler === "proxy") continue;
    if (rc.handler === "image") {
      const sep = path.includes("?") ? "&" : "?";
      for (const accept of acceptHeaders(platform))
        for (const w of widths) add({ className, path: `${path}${sep}w=${w}`, accept });
    } else
      add({ className, path, accept: rc.handler === "api" ? "application/json" : "text/html,*/*;q=0.8" });
  }
  return out;
}

/** The model's list: every path of `operations.paths`, class by class. */
export const modelPaths = (platform: Platform): string[] => Object.values(platform.operations.paths).flat();

/** `<loc>` URLs of a sitemap (or sitemap index entries), as paths with their query. */
export function sitemapPaths(xml: string): string[] {
  const paths: string[] = [];
  for (const m of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) {
    try {
      const url = new URL(m[1]!.replaceAll("&amp;", "&"));
      paths.push(`${url.pathname}${url.search}`);
    } catch {
      // A malformed <loc> is skipped; the report counts what was requested.
    }
  }
  return paths;
}
