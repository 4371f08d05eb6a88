import type { Platform } from "@edge/platform";

/** What one route class must meet under load: latency percentiles and the share of failed requests. */
export interface ClassThresholds {
  pool: string;
  /** Percentile (as Artillery names its summaries: p95, p99, p999) → milliseconds. */
  latency: { metric: string; percentile: number; thresholdMs: number }[];
  /** Most failed requests (5xx, timeouts, connection errors), in percent of the class's requests. */
  maxErrorPercent: number;
  /** The SLOs these come from. */
  sources: string[];
}

/** Artillery's histogram summaries: the percentiles a threshold can be checked against. */
const ARTILLERY_PERCENTILES: Record<string, string> = {
  "50": "p50",
  "75": "p75",
  "90": "p90",
  "95": "p95",
  "99": "p99",
  "99.9": "p999",
};

/** An SLO the load gate cannot check: the message names the field, the value and what is possible. */
export class ThresholdError extends Error {
  override name = "ThresholdError";
}

/**
 * Thresholds per route class from the model's SLOs (`slo.objectives`, one per pool): every class is held to the
 * objectives of the pool it is served by — the strictest latency per percentile and the smallest error budget.
 */
export function thresholdsFor(platform: Platform): Record<string, ClassThresholds> {
  const out: Record<string, ClassThresholds> = {};
  for (const [className, rc] of Object.entries(platform.routeClasses)) {
    const objectives = Object.entries(platform.slo.objectives).filter(([, o]) => o.pool === rc.pool);
    if (objectives.length === 0) continue;
    const latency = new Map<string, { metric: string; percentile: number; thresholdMs: number }>();
    let maxErrorPercent = 100;
    for (const [name, o] of objectives) {
      maxErrorPercent = Math.min(maxErrorPercent, Number((100 - o.availabilityPercent).toFixed(6)));
      o.latency.forEach((l, i) => {
        const metric = ARTILLERY_PERCENTILES[String(l.percentile)];
        if (!metric)
          throw new ThresholdError(
            `slo.objectives.${name}.latency[${i}].percentile: ${l.percentile} — the load gate can check ${Object.keys(ARTILLERY_PERCENTILES).join(", ")}`,
          );
        const prev = latency.get(metric);
        if (!prev || l.thresholdMs < prev.thresholdMs)
          latency.set(metric, { metric, percentile: l.percentile, thresholdMs: l.thresholdMs });
      });
    }
    out[className] = {
      pool: rc.pool,
      latency: [...latency.values()].sort((a, b) => a.percentile - b.percentile),
      maxErrorPercent,
      sources: objectives.map(([name]) => `slo.objectives.${name}`),
    };
  }
  return out;
}
