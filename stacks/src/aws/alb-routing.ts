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
  readonly action: AlbRuleAction;
}

/** ALB allows at most five values per path-pattern condition. */
const MAX_PATTERNS_PER_RULE = 5;
const PRIORITY_STEP = 10;

/** Two patterns can claim the same path (one is a prefix of the other): their relative order matters. */
const overlaps = (a: string, b: string) =>
  a.replace(/\*$/, "").startsWith(b.replace(/\*$/, "")) ||
  b.replace(/\*$/, "").startsWith(a.replace(/\*$/, ""));

/**
 * Listener rules from the route classes. The ALB matches path patterns only, so it renders the classes' exact and
 * prefix matchers (fingerprinted / extension matchers stay with the default action, which is the default pool).
 * Rules follow the shared precedence (exact, then longest prefix first); patterns of one class share a rule when
 * no other class's overlapping pattern sits between them. Classes that would just forward to the default pool
 * get no rule: the listener's default action already does that.
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

    // Join the latest group of this class unless another class's overlapping pattern came after it.
    let target: (typeof groups)[number] | undefined;
    for (const g of [...groups].reverse()) {
      if (g.className === rule.className) {
        if (g.patterns.length < MAX_PATTERNS_PER_RULE) target = g;
        break;
      }
      if (g.patterns.some((other) => overlaps(other, pattern))) break;
    }
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
      action: g.action,
    };
  });
}
