import { MAX_ORIGIN_AUTH_VALUES, type Platform } from "@edge/platform";
import { DEFAULT_CLASS, orderedRules } from "@edge/platform/routing";
import { lookup } from "../app/lookup.ts";

/** What an ALB listener rule does with the paths it matches. */
export type AlbRuleAction = { type: "forward"; pool: string } | { type: "redirect"; host: string };

export interface AlbListenerRule {
  /** Stable key (route class name, `-2`, `-3` … when a class needs several rules; `default-pool` last). */
  readonly key: string;
  /** Route class, or `default` for the rule that forwards everything else to the default pool. */
  readonly className: string;
  /** Evaluation order, lowest first. */
  readonly priority: number;
  /** ALB path patterns (`/api/*`, `/robots.txt`); empty = every path (no path condition). */
  readonly pathPatterns: string[];
  /**
   * Host-header condition. Redirects to the CDN apply only to requests for the site's own host: the edge worker
   * fetches its origin with the origin's host name, and redirecting those to the CDN (which is the worker again)
   * would loop. Without a condition the rule applies to every host.
   */
  readonly hostHeaders?: string[];
  /**
   * The rule requires the origin-auth header (`originAuth.headerName`) with one of the accepted values: every
   * rule that forwards to a target group does (stacks/README.md, Origin lockdown).
   */
  readonly requiresOriginAuth: boolean;
  readonly action: AlbRuleAction;
}

/**
 * ALB rule quotas: up to three match evaluations (values) per condition and five per rule, summed over its
 * conditions. Sources: Elastic Load Balancing user guide, "Condition types for listener rules" (Condition
 * basics); "Quotas for your Application Load Balancers" (Condition values per rule: 5).
 */
export const ALB_VALUES_PER_CONDITION = 3;
export const ALB_VALUES_PER_RULE = 5;
/** The highest priority an ALB listener rule may have (aws_lb_listener_rule: 1–50000): the catch-all rule. */
export const LAST_PRIORITY = 50_000;
const PRIORITY_STEP = 10;

/** How many path patterns fit next to a rule's other conditions. */
function pathBudget(otherValues: number): number {
  return Math.min(ALB_VALUES_PER_CONDITION, ALB_VALUES_PER_RULE - otherValues);
}

/**
 * Listener rules from the route classes. The ALB matches path patterns only, so it renders the classes' exact and
 * prefix matchers (fingerprinted / extension matchers fall to the default-pool rule). The model refuses patterns
 * that two classes could both claim, so the ALB's order between classes never changes a result; rules still
 * follow the shared precedence (exact, then longest prefix first), a class's patterns share rules as far as the
 * per-rule value budget allows. Classes that would just forward to the default pool get no rule of their own:
 * the last rule (`default-pool`, priority 50000) forwards every path there. Every forwarding rule spends two
 * values on the origin-auth header, so the listener's default action (a fixed 403) answers whoever lacks it.
 *
 * Redirect-to-CDN rules do not require the header: they send nothing to a target (the 301 names only the public
 * CDN host), they match only the site's own host (which the worker never uses for origin fetches), and a
 * request that reaches the ALB for the site's host without the worker (e.g. a worker route in fail-open mode)
 * is still sent back to the CDN instead of a 403.
 */
export function albListenerRules(p: Platform): AlbListenerRule[] {
  const groups: { className: string; patterns: string[]; budget: number; action: AlbRuleAction }[] = [];
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

    const target = groups.find((g) => g.className === rule.className && g.patterns.length < g.budget);
    if (target) target.patterns.push(pattern);
    else {
      // A redirect spends one value on its host condition, a forward two on the origin-auth header.
      const budget = pathBudget(action.type === "redirect" ? 1 : MAX_ORIGIN_AUTH_VALUES);
      groups.push({ className: rule.className, patterns: [pattern], budget, action });
    }
  }
  const seen = new Map<string, number>();
  const classRules = groups.map((g, index): AlbListenerRule => {
    const n = (seen.get(g.className) ?? 0) + 1;
    seen.set(g.className, n);
    return {
      key: n === 1 ? g.className : `${g.className}-${n}`,
      className: g.className,
      priority: (index + 1) * PRIORITY_STEP,
      pathPatterns: g.patterns,
      ...(g.action.type === "redirect" ? { hostHeaders: [p.zone.domain] } : {}),
      requiresOriginAuth: g.action.type === "forward",
      action: g.action,
    };
  });
  const defaultPool: AlbListenerRule = {
    key: "default-pool",
    className: DEFAULT_CLASS,
    priority: LAST_PRIORITY,
    pathPatterns: [],
    requiresOriginAuth: true,
    action: { type: "forward", pool: p.defaultPool },
  };
  return [...classRules, defaultPool];
}
