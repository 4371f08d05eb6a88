import type { Platform } from "@edge/platform";
import { orderedRules } from "@edge/platform/routing";
import { lookup } from "../app/lookup.ts";

/** What an ALB listener rule does with the paths it matches. */
export type AlbRuleAction = { type: "forward"; pool: string } | { type: "redirect"; host: string };

export interface AlbListenerRule {
  /** Stable key (route class name, `-2`, `-3` … when a class needs several rules). */
  readonly key: string;
  readonly className: string;
  /** Evaluation order, lowest first. */
  readonly priority: number;
  /** ALB path patterns (`/api/*`, `/robots.txt`), at most 5 per rule. */
  readonly pathPatterns: string[];
  /**
   * Host-header condition. Redirects to the CDN apply only to requests for the site's own host: the edge worker
   * fetches its origin with the origin's host name, and redirecting those to the CDN (which is the worker again)
   * would loop. Without a condition the rule applies to every host.
   */
  readonly hostHeaders?: string[];
  readonly action: AlbRuleAction;
}

/** ALB allows at most five values per path-pattern condition. */
const MAX_PATTERNS_PER_RULE = 5;
const PRIORITY_STEP = 10;

/**
 * Listener rules from the route classes. The ALB matches path patterns only, so it renders the classes' exact and
 * prefix matchers (fingerprinted / extension matchers stay with the default action, which is the default pool).
 * The model refuses patterns that two classes could both claim, so the ALB's order between classes never
 * changes a result; rules still follow the shared precedence (exact, then longest prefix first), a class's
 * patterns share rules of up to five. Classes that would just forward to the default pool get no rule: the
 * listener's default action already does that.
 */
export function albListenerRules(p: Platform): AlbListenerRule[] {
  const groups: { className: string; patterns: string[]; action: AlbRuleAction }[] = [];
  for (const rule of orderedRules(p.routeClasses)) {
    const m = rule.matcher;
    const pattern = "prefix" in m ? `${m.prefix}*` : "exact" in m ? m.exact : undefined;
    if (pattern === undefined) continue;
    const rc = lookup(p.routeClasses, rule.className, "route class");
    const action: AlbRuleAction =
      rc.albAction === "redirect-to-cdn"
        ? { type: "redirect", host: p.zone.cdnHost }
        : { type: "forward", pool: rc.pool };
    if (action.type === "forward" && action.pool === p.defaultPool) continue;

    const target = groups.find(
      (g) => g.className === rule.className && g.patterns.length < MAX_PATTERNS_PER_RULE,
    );
    if (target) target.patterns.push(pattern);
    else groups.push({ className: rule.className, patterns: [pattern], action });
  }
  const seen = new Map<string, number>();
  return groups.map((g, index) => {
    const n = (seen.get(g.className) ?? 0) + 1;
    seen.set(g.className, n);
    return {
      key: n === 1 ? g.className : `${g.className}-${n}`,
      className: g.className,
      priority: (index + 1) * PRIORITY_STEP,
      pathPatterns: g.patterns,
      ...(g.action.type === "redirect" ? { hostHeaders: [p.zone.domain] } : {}),
      action: g.action,
    };
  });
}
