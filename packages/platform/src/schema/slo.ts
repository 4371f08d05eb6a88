import { z } from "zod";
import { int, keyName, minutes } from "./primitives.ts";

/**
 * Service level objectives and how they alert. The AWS stacks render every objective as multi-window,
 * multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs"; Sloth) over the pool's ALB target group,
 * plus synthetic checks from outside; the edge worker publishes the CDN hit ratio next to them.
 */

const path = () => z.string().regex(/^\/[^\s?#]*$/, { error: 'must be an absolute path such as "/healthz"' });

export const LatencyObjectiveSchema = z.strictObject({
  percentile: z
    .number({ error: "must be a percentile from 50 to 99.9" })
    .min(50, { error: "must be a percentile from 50 to 99.9" })
    .max(99.9, { error: "must be a percentile from 50 to 99.9" })
    .describe("Share of requests (percent) that must answer within thresholdMs: 95 means p95."),
  thresholdMs: int(1, 60_000, " ms").describe(
    "Target response time (ALB TargetResponseTime) in milliseconds.",
  ),
});
export type LatencyObjective = z.infer<typeof LatencyObjectiveSchema>;

export const ServiceLevelObjectiveSchema = z.strictObject({
  description: z.string().describe("What users get when this objective holds."),
  pool: keyName().describe(
    "Pool whose ALB target group the indicators are measured on (ALB metrics exist per target group, not per route class).",
  ),
  availabilityPercent: z
    .number({ error: "must be a percentage from 90 to 99.999" })
    .min(90, { error: "must be a percentage from 90 to 99.999" })
    .max(99.999, { error: "must be a percentage from 90 to 99.999" })
    .describe("Share of requests that must not be answered 5xx by the targets, over the window."),
  latency: z
    .array(LatencyObjectiveSchema)
    .max(3, { error: "at most 3 latency objectives per SLO" })
    .describe("Latency objectives, e.g. p95 < 200 ms and p99 < 500 ms. Empty for long-lived connections."),
});
export type ServiceLevelObjective = z.infer<typeof ServiceLevelObjectiveSchema>;

export const BurnRateAlertSchema = z.strictObject({
  severity: z
    .enum(["page", "ticket"])
    .describe("page: wake someone now; ticket: look at it in working hours."),
  budgetPercent: z
    .number({ error: "must be a percentage above 0 and at most 100" })
    .positive({ error: "must be a percentage above 0 and at most 100" })
    .max(100, { error: "must be a percentage above 0 and at most 100" })
    .describe(
      "Fires when this share of the window's error budget is spent within longWindowMinutes (burn rate = budgetPercent/100 × window / long window).",
    ),
  longWindowMinutes: minutes(5, 10_080).describe(
    "The long look-back window (CloudWatch allows up to 7 days).",
  ),
  shortWindowMinutes: minutes(1, 1440).describe(
    "The short window that must burn too, so the alert resets soon after recovery (about 1/12 of the long one).",
  ),
});
export type BurnRateAlert = z.infer<typeof BurnRateAlertSchema>;

export const SyntheticChecksSchema = z.strictObject({
  healthPath: path().describe(
    "Checked on the public hostname (zone.domain) from outside, beside the sample paths.",
  ),
  samplePaths: z
    .record(keyName(), path())
    .describe("Route class → one path of that class that answers 2xx/3xx, checked from outside."),
  requestIntervalSeconds: z
    .number()
    .refine((v) => v === 10 || v === 30, { error: "must be 10 or 30 (the intervals Route 53 offers)" })
    .describe("Seconds between two checks from one Route 53 checker region."),
  failureThreshold: int(1, 10).describe(
    "Consecutive failures before a check turns unhealthy (Route 53: 1–10).",
  ),
});

export const CdnMetricsSchema = z.strictObject({
  namespace: z
    .string()
    .regex(/^(?!AWS\/)[A-Za-z0-9._/#:-]{1,255}$/, {
      error: 'must be a custom CloudWatch namespace such as "Shop/Edge" (not AWS/...)',
    })
    .describe("CloudWatch namespace the edge worker publishes into; its credentials may write nowhere else."),
  dataset: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, { error: "must be lower-case letters, digits and underscores" })
    .describe("Workers Analytics Engine dataset the worker records cache status into."),
});

export const SloSchema = z.strictObject({
  windowDays: int(1, 90, " days").describe("The SLO window the error budget is counted over."),
  objectives: z.record(keyName(), ServiceLevelObjectiveSchema),
  burnRateAlerts: z.record(keyName(), BurnRateAlertSchema),
  synthetic: SyntheticChecksSchema,
  cdn: CdnMetricsSchema,
});
export type Slo = z.infer<typeof SloSchema>;

/** Burn rate an alert fires at: the budget share spent within the long window, scaled to the whole window. */
export const burnRate = (alert: BurnRateAlert, windowDays: number): number =>
  (alert.budgetPercent / 100) * ((windowDays * 24 * 60) / alert.longWindowMinutes);
