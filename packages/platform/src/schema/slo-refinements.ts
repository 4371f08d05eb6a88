import type { z } from "zod";
import { classifyPath } from "../routing/classify.ts";
import type { PlatformShape } from "./platform.ts";
import { burnRate } from "./slo.ts";

type Ctx = z.core.$RefinementCtx<PlatformShape>;

const issue = (ctx: Ctx, path: (string | number)[], message: string, input: unknown) =>
  ctx.addIssue({ code: "custom", path, message, input });

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * SLOs the stacks could not render as working alerts: unknown pools, windows that do not nest, burn-rate
 * thresholds above 100 % of requests (an alarm that can never fire), sample paths of another class.
 */
export function refineSlo(p: PlatformShape, ctx: Ctx): void {
  const { slo } = p;
  const windowMinutes = slo.windowDays * 24 * 60;
  for (const [name, alert] of Object.entries(slo.burnRateAlerts)) {
    const at = ["slo", "burnRateAlerts", name];
    if (alert.shortWindowMinutes >= alert.longWindowMinutes) {
      issue(
        ctx,
        [...at, "shortWindowMinutes"],
        `must be shorter than longWindowMinutes (${alert.longWindowMinutes})`,
        alert.shortWindowMinutes,
      );
    }
    if (alert.longWindowMinutes > windowMinutes) {
      issue(
        ctx,
        [...at, "longWindowMinutes"],
        `must not exceed the SLO window (slo.windowDays ${slo.windowDays} = ${windowMinutes} minutes)`,
        alert.longWindowMinutes,
      );
    }
  }
  const pools = Object.keys(p.pools);
  for (const [name, objective] of Object.entries(slo.objectives)) {
    const at = ["slo", "objectives", name];
    if (!p.pools[objective.pool]) {
      issue(ctx, [...at, "pool"], `must name a pool; known pools: ${pools.join(", ")}`, objective.pool);
    }
    const budgets: [(string | number)[], number, number][] = [
      [[...at, "availabilityPercent"], objective.availabilityPercent, 100 - objective.availabilityPercent],
      ...objective.latency.map(
        (l, i) =>
          [[...at, "latency", i, "percentile"], l.percentile, 100 - l.percentile] as [
            (string | number)[],
            number,
            number,
          ],
      ),
    ];
    for (const [path, value, budgetPercent] of budgets) {
      for (const [alertName, alert] of Object.entries(slo.burnRateAlerts)) {
        const rate = burnRate(alert, slo.windowDays);
        if (rate * budgetPercent >= 100) {
          issue(
            ctx,
            path,
            `leaves an error budget of ${round(budgetPercent)} %; burn-rate alert "${alertName}" (${round(rate)}×) would need ${round(rate * budgetPercent)} % bad requests and could never fire — raise the objective or lower burnRateAlerts.${alertName}.budgetPercent`,
            value,
          );
        }
      }
    }
  }
  for (const [className, path] of Object.entries(slo.synthetic.samplePaths)) {
    const at = ["slo", "synthetic", "samplePaths", className];
    if (!p.routeClasses[className]) {
      const known = Object.keys(p.routeClasses).join(", ");
      issue(ctx, at, `must be keyed by a route class; known: ${known}`, path);
      continue;
    }
    const actual = classifyPath(p.routeClasses, path);
    if (actual !== className) {
      issue(ctx, at, `is classified as "${actual}", not "${className}"; pick a path of that class`, path);
    }
  }
}
