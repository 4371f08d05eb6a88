import { CDN_METRICS } from "@edge/platform/cdn-metrics";
import { AwsClient } from "aws4fetch";
import type { OutcomeCounts } from "./analytics-query.ts";

/** Names the AWS stacks alarm and graph on: one definition in the model package. */
export const CDN_METRIC_NAMES = CDN_METRICS;

export interface MetricDatum {
  readonly name: string;
  readonly unit: "Percent" | "Count";
  readonly value: number;
  readonly routeClass: string;
}

/**
 * Hit ratio = hits ÷ (hits + misses) per route class, and for `all` cacheable classes together; requests that
 * bypass the cache by design (credentials, methods) count for neither. Classes without cacheable requests in
 * the minute publish nothing (the alarm treats missing data as not breaching).
 */
export function hitRatioData(counts: OutcomeCounts, cacheableClasses: readonly string[]): MetricDatum[] {
  const data: MetricDatum[] = [];
  let allHits = 0;
  let allEligible = 0;
  const push = (routeClass: string, hits: number, eligible: number) => {
    if (eligible === 0) return;
    const ratio = Math.round((10_000 * hits) / eligible) / 100;
    data.push({ name: CDN_METRIC_NAMES.hitRatio, unit: "Percent", value: ratio, routeClass });
    data.push({ name: CDN_METRIC_NAMES.requests, unit: "Count", value: eligible, routeClass });
  };
  for (const routeClass of [...cacheableClasses].sort()) {
    const c = counts[routeClass] ?? {};
    const hits = c.hit ?? 0;
    const eligible = hits + (c.miss ?? 0);
    allHits += hits;
    allEligible += eligible;
    push(routeClass, hits, eligible);
  }
  push(CDN_METRIC_NAMES.allClasses, allHits, allEligible);
  return data;
}

/** The PutMetricData request body (AWS query protocol, API version 2010-08-01). */
export function putMetricDataBody(
  namespace: string,
  environment: string,
  timestampMs: number,
  data: readonly MetricDatum[],
): string {
  const form = new URLSearchParams({ Action: "PutMetricData", Version: "2010-08-01", Namespace: namespace });
  const timestamp = new Date(timestampMs).toISOString();
  data.forEach((d, i) => {
    const m = `MetricData.member.${i + 1}`;
    form.set(`${m}.MetricName`, d.name);
    form.set(`${m}.Unit`, d.unit);
    form.set(`${m}.Value`, String(d.value));
    form.set(`${m}.Timestamp`, timestamp);
    form.set(`${m}.Dimensions.member.1.Name`, CDN_METRIC_NAMES.environmentDimension);
    form.set(`${m}.Dimensions.member.1.Value`, environment);
    form.set(`${m}.Dimensions.member.2.Name`, CDN_METRIC_NAMES.classDimension);
    form.set(`${m}.Dimensions.member.2.Value`, d.routeClass);
  });
  return form.toString();
}

export interface CloudWatchTarget {
  /** `https://monitoring.<region>.amazonaws.com/` (a stand-in in tests). */
  readonly url: string;
  readonly region: string;
  readonly accessKeyId: string;
  /** A secret; never logged. */
  readonly secretAccessKey: string;
}

/** Signs (SigV4, service `monitoring`) and sends one PutMetricData call; throws with the HTTP status on failure. */
export async function putMetricData(target: CloudWatchTarget, body: string): Promise<void> {
  const aws = new AwsClient({
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    service: "monitoring",
    region: target.region,
  });
  const res = await aws.fetch(target.url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  if (!res.ok) {
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(await res.text())?.[1] ?? "no error code";
    throw new Error(`cdn-metrics: PutMetricData answered ${res.status} (${code})`);
  }
}
