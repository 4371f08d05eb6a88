import type { PathMatcher, RouteClass } from "../schema/routes.ts";

/**
 * Precedence tiers shared by every renderer, mirroring nginx's location rules:
 * exact paths, then prefixes (longest first), then fingerprinted names, then extensions, then extension-less pages.
 */
export const MATCHER_TIER = { exact: 0, prefix: 1, fingerprinted: 2, extensions: 3, noExtension: 4 } as const;
export type MatcherKind = keyof typeof MATCHER_TIER;

export const matcherKind = (m: PathMatcher): MatcherKind => Object.keys(m)[0] as MatcherKind;

/** File names with a content hash: `app.3f2a1b9c.js`, `chunk-4e1d2c3b5a6f.css`. */
export const FINGERPRINT_PATTERN = "[.-][0-9a-f]{8,}\\.";

const lastSegment = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const extensionOf = (path: string) => {
  const seg = lastSegment(path);
  const dot = seg.lastIndexOf(".");
  return dot <= 0 ? "" : seg.slice(dot + 1).toLowerCase();
};

/** Builds the test for one matcher. Paths are matched case-sensitively, like the ALB and nginx. */
export function matcherTest(m: PathMatcher): (path: string) => boolean {
  if ("exact" in m) return (path) => path === m.exact;
  if ("prefix" in m) return (path) => path.startsWith(m.prefix);
  if ("extensions" in m) {
    const set = new Set(m.extensions);
    return (path) => set.has(extensionOf(path));
  }
  if ("fingerprinted" in m) {
    const re = new RegExp(`${FINGERPRINT_PATTERN}(${m.fingerprinted.join("|")})$`);
    return (path) => re.test(lastSegment(path));
  }
  return (path) => extensionOf(path) === "" && !lastSegment(path).includes(".");
}

export interface RoutingRule {
  className: string;
  matcher: PathMatcher;
  kind: MatcherKind;
  test: (path: string) => boolean;
}

/** All matchers of all classes, in the order they are tried. */
export function orderedRules(routeClasses: Readonly<Record<string, RouteClass>>): RoutingRule[] {
  const rules = Object.entries(routeClasses).flatMap(([className, rc]) =>
    rc.match.map((matcher) => ({
      className,
      matcher,
      kind: matcherKind(matcher),
      test: matcherTest(matcher),
    })),
  );
  return rules.sort((a, b) => {
    const tier = MATCHER_TIER[a.kind] - MATCHER_TIER[b.kind];
    if (tier !== 0) return tier;
    if ("prefix" in a.matcher && "prefix" in b.matcher)
      return b.matcher.prefix.length - a.matcher.prefix.length;
    return 0;
  });
}
