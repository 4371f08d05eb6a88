import type { PathMatcher, RouteClass } from "@edge/platform";
import { FINGERPRINT_PATTERN, orderedRules } from "@edge/platform/routing";

const PATH = "http.request.uri.path";

/** A Cloudflare Rules-language string literal (quoted; `"` and `\` escaped). */
export const quote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/** A set literal: `{"a" "b"}`. */
export const stringSet = (values: readonly string[]) => `{${values.map(quote).join(" ")}}`;

/**
 * One structured matcher as a Cloudflare expression. Same semantics as `matcherTest` in `@edge/platform/routing`:
 * case-sensitive paths, extensions of the last segment, the shared fingerprint pattern.
 */
export function matcherExpression(m: PathMatcher): string {
  if ("exact" in m) return `${PATH} eq ${quote(m.exact)}`;
  if ("prefix" in m) return `starts_with(${PATH}, ${quote(m.prefix)})`;
  if ("extensions" in m) return `${PATH}.extension in ${stringSet(m.extensions)}`;
  if ("fingerprinted" in m) {
    // Raw string: the pattern's backslashes reach the regex engine unchanged.
    return `${PATH} matches r"${FINGERPRINT_PATTERN}(${m.fingerprinted.join("|")})$"`;
  }
  return `${PATH}.extension eq ""`;
}

/**
 * How a plan without the `matches` operator (Free, Pro) renders a matcher. A fingerprint (8+ hex digits) has no
 * exact regex-free form, so it is approximated on the safe side of each use: as a positive match it matches
 * nothing (the path gets no cache rule: Cloudflare's default caching plus the worker's own policy), as a guard it
 * matches every path with one of its extensions (the other class's rule stands back for all of them).
 */
function regexFreeExpression(m: PathMatcher, use: "match" | "guard"): string | undefined {
  if (!("fingerprinted" in m)) return matcherExpression(m);
  return use === "guard" ? `${PATH}.extension in ${stringSet(m.fingerprinted)}` : undefined;
}

const anyOf = (parts: readonly string[]): string =>
  parts.length === 1 ? (parts[0] as string) : parts.map((x) => `(${x})`).join(" or ");

/** One matcher of a class and the earlier matchers of other classes that take precedence over it. */
export interface ExclusiveMatcher {
  readonly matcher: PathMatcher;
  readonly unless: readonly PathMatcher[];
}

/**
 * Each class's matchers, each guarded by every matcher of another class that comes earlier in the shared
 * precedence (`orderedRules`). A path satisfies a class's guarded matchers exactly when the worker's classifier
 * picks that class. Cloudflare applies every matching cache rule (later ones win), so without the guards a
 * fingerprinted `/images/a.1234abcd.css` would get two policies.
 * @returns class name → guarded matchers, classes in precedence order of their first matcher.
 */
export function exclusiveClassMatchers(
  routeClasses: Readonly<Record<string, RouteClass>>,
): Map<string, ExclusiveMatcher[]> {
  const rules = orderedRules(routeClasses);
  const perClass = new Map<string, ExclusiveMatcher[]>();
  rules.forEach((rule, index) => {
    const unless = rules
      .slice(0, index)
      .filter((r) => r.className !== rule.className)
      .map((r) => r.matcher);
    perClass.set(rule.className, [
      ...(perClass.get(rule.className) ?? []),
      { matcher: rule.matcher, unless },
    ]);
  });
  return perClass;
}

/**
 * {@link exclusiveClassMatchers} as one Cloudflare expression per class.
 * @param options.regex whether the zone's plan has the `matches` operator (Business and Enterprise). Without it,
 *   fingerprint matchers are approximated (see `regexFreeExpression`) and a class left with no matcher is omitted.
 */
export function exclusiveClassExpressions(
  routeClasses: Readonly<Record<string, RouteClass>>,
  options: { readonly regex?: boolean } = {},
): Map<string, string> {
  const regex = options.regex ?? true;
  const render = (m: PathMatcher, use: "match" | "guard") =>
    regex ? matcherExpression(m) : regexFreeExpression(m, use);
  const out = new Map<string, string>();
  for (const [name, guarded] of exclusiveClassMatchers(routeClasses)) {
    const parts = guarded.flatMap(({ matcher, unless }) => {
      const match = render(matcher, "match");
      if (match === undefined) return [];
      const guards = unless.map((u) => render(u, "guard")).filter((g): g is string => g !== undefined);
      return [guards.length === 0 ? match : `${match} and not (${anyOf(guards)})`];
    });
    if (parts.length > 0) out.set(name, anyOf(parts));
  }
  return out;
}

/** Requests that must never be served from or stored in a shared cache for this class. */
export function bypassExpression(cache: RouteClass["cache"]): string | undefined {
  const parts = [
    ...(cache.bypassOnAuthorization
      ? ['any(lower(http.request.headers.names[*])[*] eq "authorization")']
      : []),
    ...cache.bypassOnCookies.map((name) => `http.cookie contains ${quote(`${name}=`)}`),
  ];
  return parts.length === 0 ? undefined : anyOf(parts);
}
