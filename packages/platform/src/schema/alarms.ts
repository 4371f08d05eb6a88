import { z } from "zod";
import { SeveritySchema } from "./alerting.ts";
import { int, minutes, percent } from "./primitives.ts";

const forMinutes = () =>
  minutes(1, 60).describe("How long the condition must hold (1-minute periods) before the alarm fires.");
const severity = (fallback: "page" | "ticket") => SeveritySchema.default(fallback);

/**
 * Operator alarm thresholds (the scaling alarms' thresholds live in each pool's `scaling`). Fields added after
 * the first five carry their defaults here (`.default`), so an existing model keeps validating.
 */
export const AlarmsSchema = z.strictObject({
  latencyP95: z.strictObject({
    thresholdSeconds: z
      .number()
      .positive()
      .max(60)
      .describe("p95 target response time (ALB TargetResponseTime) above this many seconds."),
    forMinutes: forMinutes(),
    severity: severity("page"),
  }),
  cpu: z.strictObject({
    thresholdPercent: percent(1, 100).describe("Average CPU of a pool's instances above this percentage."),
    forMinutes: forMinutes(),
    severity: severity("ticket"),
  }),
  memory: z.strictObject({
    thresholdPercent: percent(1, 100).describe(
      "Average memory of a pool's instances above this percentage (CloudWatch agent).",
    ),
    forMinutes: forMinutes(),
    severity: severity("ticket"),
  }),
  errorRate: z.strictObject({
    thresholdPercent: percent(1, 100).describe("Share of 5xx responses at the ALB above this percentage."),
    forMinutes: forMinutes(),
    severity: severity("page"),
  }),
  cacheHitRate: z.strictObject({
    belowPercent: percent(1, 100).describe(
      "CDN hit ratio of the cacheable route classes below this percentage.",
    ),
    forMinutes: forMinutes(),
    severity: severity("ticket"),
  }),
  unhealthyTargets: z
    .strictObject({
      aboveCount: int(0, 1000, " targets")
        .default(0)
        .describe("Unhealthy targets per target group above this count."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ aboveCount: 0, forMinutes: 5, severity: "ticket" })
    .describe("UnHealthyHostCount per target group above this count."),
  healthyTargets: z
    .strictObject({
      belowCount: int(1, 1000, " targets")
        .default(1)
        .describe("Healthy targets per target group below this count."),
      forMinutes: forMinutes().default(1),
      severity: severity("page"),
    })
    .default({ belowCount: 1, forMinutes: 1, severity: "page" })
    .describe(
      "HealthyHostCount per target group below this count: the 5xx-rate alarm is silent when no target is up.",
    ),
  loadBalancer5xx: z
    .strictObject({
      aboveCount: int(0, 1_000_000, " responses per minute")
        .default(10)
        .describe("ALB-generated 5xx responses per minute above this count."),
      forMinutes: forMinutes().default(5),
      severity: severity("page"),
    })
    .default({ aboveCount: 10, forMinutes: 5, severity: "page" })
    .describe("HTTPCode_ELB_5XX_Count (502/503/504 made by the ALB itself) per minute above this count."),
  targetConnectionErrors: z
    .strictObject({
      aboveCount: int(0, 1_000_000, " errors per minute")
        .default(10)
        .describe("Target connection errors per minute above this count."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ aboveCount: 10, forMinutes: 5, severity: "ticket" })
    .describe("TargetConnectionErrorCount per target group per minute above this count."),
  cacheEngineCpu: z
    .strictObject({
      thresholdPercent: percent(1, 100).default(90).describe("L2 cache engine CPU above this percentage."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ thresholdPercent: 90, forMinutes: 5, severity: "ticket" })
    .describe(
      "EngineCPUUtilization of any L2 cache node above this percent (the engine is single-threaded).",
    ),
  cacheMemory: z
    .strictObject({
      thresholdPercent: percent(1, 100).default(90).describe("L2 cache memory use above this percentage."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ thresholdPercent: 90, forMinutes: 5, severity: "ticket" })
    .describe("DatabaseMemoryUsagePercentage of any L2 cache node above this percent."),
  cacheEvictions: z
    .strictObject({
      thresholdPercent: percent(1, 100)
        .default(10)
        .describe("Evictions as a share of L2 cache operations above this percentage."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ thresholdPercent: 10, forMinutes: 5, severity: "ticket" })
    .describe("Evictions as a percent of writes (SetTypeCmds) on any L2 cache node: the cache is too small."),
  cacheReplicationLag: z
    .strictObject({
      thresholdSeconds: int(1, 3600, " seconds")
        .default(5)
        .describe("Replication lag of the L2 cache replicas above this many seconds."),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ thresholdSeconds: 5, forMinutes: 5, severity: "ticket" })
    .describe(
      "ReplicationLag of any L2 cache replica above this many seconds (only when l2Cache.replicas ≥ 1).",
    ),
  wafBlockedSpike: z
    .strictObject({
      bandStandardDeviations: z
        .number()
        .min(1)
        .max(10)
        .default(3)
        .describe(
          "Width of the anomaly band around the usual WAF blocked-request rate, in standard deviations.",
        ),
      forMinutes: forMinutes().default(5),
      severity: severity("ticket"),
    })
    .default({ bandStandardDeviations: 3, forMinutes: 5, severity: "ticket" })
    .describe(
      "WAF BlockedRequests above the upper edge of CloudWatch's anomaly-detection band of this width (1–10 standard deviations).",
    ),
  inServiceBelowMinimum: z
    .strictObject({ forMinutes: forMinutes().default(10), severity: severity("page") })
    .default({ forMinutes: 10, severity: "page" })
    .describe(
      "A pool's in-service instances below the group's minimum size (launches failing, AZ or spot loss).",
    ),
});
export type Alarms = z.infer<typeof AlarmsSchema>;
