import type { RouteClass } from "../schema/routes.ts";
import { orderedRules } from "./matchers.ts";

/** The class name for paths no route class claims. */
export const DEFAULT_CLASS = "default";

/**
 * Compiles route classes into one function path → class name (or {@link DEFAULT_CLASS}).
 * Zod-free and dependency-free: the edge worker bundles it.
 */
export function compileClassifier(
  routeClasses: Readonly<Record<string, RouteClass>>,
): (path: string) => string {
  const rules = orderedRules(routeClasses);
  return (path) => {
    for (const rule of rules) if (rule.test(path)) return rule.className;
    return DEFAULT_CLASS;
  };
}

/** One-off classification; compile once with {@link compileClassifier} on hot paths. */
export const classifyPath = (routeClasses: Readonly<Record<string, RouteClass>>, path: string): string =>
  compileClassifier(routeClasses)(path);
