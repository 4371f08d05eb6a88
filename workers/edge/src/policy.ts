import type { Platform } from "@edge/platform";
import compiled from "./generated/policy.generated.json";

/** The slice of the platform model the worker needs, compiled at build time (scripts/compile-policy.ts). */
export type WorkerPolicy = Pick<
  Platform,
  | "environment"
  | "zone"
  | "origin"
  | "cacheKey"
  | "routeClasses"
  | "securityHeaders"
  | "compression"
  | "images"
  | "edge"
  | "originAuth"
> & {
  maxBodyBytes: number;
  /** Where the scheduled handler publishes the CDN hit ratio (`slo.cdn` and `aws.region`). */
  cdnMetrics: { namespace: string; dataset: string; region: string };
};

const policies = compiled as unknown as Record<string, WorkerPolicy>;

/** The policy of one environment; unknown names fall back to production so a typo never serves without headers. */
export function policyFor(environment: string | undefined): WorkerPolicy {
  return policies[environment ?? "production"] ?? policies["production"]!;
}
