import type { Env } from "../env.ts";
import type { WorkerPolicy } from "../policy.ts";
import { queryOutcomes } from "./analytics-query.ts";
import { hitRatioData, putMetricData, putMetricDataBody } from "./cloudwatch.ts";

const MINUTE = 60_000;

export interface PublishResult {
  /** Start of the minute that was published (ms since the epoch). */
  readonly minuteStartMs: number;
  readonly metrics: number;
}

/** Env names the publisher needs; only names are ever printed, never values. */
const REQUIRED = [
  "CF_ACCOUNT_ID",
  "CF_ANALYTICS_TOKEN",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
] as const;

/**
 * Cron-triggered: reads the cache outcomes of the previous full minute from Analytics Engine (a minute back,
 * so late data points have arrived) and publishes the hit ratio per cacheable route class and for all of
 * them to CloudWatch, where the stacks alarm on it. Returns undefined when not configured (names the missing
 * settings in the log).
 */
export async function publishCdnMetrics(
  env: Env,
  policy: WorkerPolicy,
  scheduledTimeMs: number,
): Promise<PublishResult | undefined> {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    console.warn(`cdn-metrics: not configured, skipped (missing ${missing.join(", ")})`);
    return undefined;
  }
  const { cdnMetrics } = policy;
  const minuteStartMs = Math.floor(scheduledTimeMs / MINUTE) * MINUTE - MINUTE;
  const counts = await queryOutcomes(
    {
      url:
        env.ANALYTICS_SQL_URL ??
        `https://api.cloudflare.com/client/v4/accounts/${env.CF_ACCOUNT_ID}/analytics_engine/sql`,
      token: env.CF_ANALYTICS_TOKEN as string,
      dataset: cdnMetrics.dataset,
      environment: policy.environment,
    },
    minuteStartMs,
  );
  const cacheable = Object.entries(policy.routeClasses)
    .filter(([, rc]) => rc.cache.mode === "cache")
    .map(([name]) => name);
  const data = hitRatioData(counts, cacheable);
  if (data.length === 0) return { minuteStartMs, metrics: 0 };
  await putMetricData(
    {
      url: env.CLOUDWATCH_URL ?? `https://monitoring.${cdnMetrics.region}.amazonaws.com/`,
      region: cdnMetrics.region,
      accessKeyId: env.AWS_ACCESS_KEY_ID as string,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
    },
    putMetricDataBody(cdnMetrics.namespace, policy.environment, minuteStartMs, data),
  );
  return { minuteStartMs, metrics: data.length };
}
