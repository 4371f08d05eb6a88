import type { RouteClass } from "@edge/platform";
import { compileClassifier, DEFAULT_CLASS } from "@edge/platform/routing";
import type { MiddlewareHandler } from "hono";
import type { EdgeEnv, RouteInfo } from "../../types.ts";

/**
 * Classifies the request path with the model's route classes (compiled once, when the app is built) and
 * stores the result as `c.var.route` for the handlers and the security headers.
 */
export function classify(routeClasses: Readonly<Record<string, RouteClass>>): MiddlewareHandler<EdgeEnv> {
  const classOf = compileClassifier(routeClasses);
  const infos = new Map<string, RouteInfo>([
    [DEFAULT_CLASS, { className: DEFAULT_CLASS, routeClass: undefined }],
  ]);
  for (const [className, routeClass] of Object.entries(routeClasses))
    infos.set(className, { className, routeClass });

  return async function classifyHandler(c, next) {
    c.set("route", infos.get(classOf(c.req.path))!);
    await next();
  };
}

/**
 * Hands each request to the handler of its route class (built once per class), or to the next middleware
 * when its class has none (plain proxying).
 */
export function dispatchByClass(
  handlers: Readonly<Record<string, MiddlewareHandler<EdgeEnv>>>,
): MiddlewareHandler<EdgeEnv> {
  const byClass = new Map(Object.entries(handlers));
  return async function dispatchHandler(c, next) {
    const handler = byClass.get(c.get("route").className);
    return handler ? handler(c, next) : next();
  };
}
