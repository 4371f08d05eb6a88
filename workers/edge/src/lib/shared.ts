import type { Env } from "../env.ts";
import type { WorkerPolicy } from "../policy.ts";
import { cacheKeyBuilder } from "./cache-key.ts";
import { type OriginFetchOptions, originBaseFor } from "./origin.ts";
import { PurgeLog } from "./purge-log.ts";

/** Purge rules kept before the oldest are folded into one "purge everything older" floor. */
export const PURGE_LOG_MAX_RULES = 2000;

/** Everything the middlewares of one environment's app share, computed once per isolate. */
export interface EdgeShared {
  policy: WorkerPolicy;
  /** Normalized cache key of a URL. */
  keyFor: (url: URL) => string;
  purgeLog: PurgeLog;
  origin: OriginFetchOptions;
  /** RFC 9211 cache name in Cache-Status. */
  cacheName: string;
  originBase: (env: Env) => string;
}

export function createShared(policy: WorkerPolicy): EdgeShared {
  const longestLife = Math.max(
    ...Object.values(policy.routeClasses).map(
      (rc) =>
        rc.cache.edgeTtlSeconds +
        Math.max(rc.cache.staleWhileRevalidateSeconds, rc.cache.staleIfErrorSeconds),
    ),
  );
  let lastRaw: string | undefined;
  let lastBase = "";
  return {
    policy,
    keyFor: cacheKeyBuilder(policy.cacheKey),
    purgeLog: new PurgeLog({
      key: `https://${policy.zone.domain}/__edge/purge-log`,
      syncMs: policy.edge.purgeLogSyncMs,
      maxRules: PURGE_LOG_MAX_RULES,
      ttlSeconds: longestLife,
    }),
    origin: { timeoutMs: policy.edge.originTimeoutMs, maxBodyBytes: policy.maxBodyBytes },
    cacheName: policy.edge.scriptName,
    originBase: (env) => {
      if (env.ORIGIN_URL !== lastRaw || !lastBase) {
        lastRaw = env.ORIGIN_URL;
        lastBase = originBaseFor(env, policy);
      }
      return lastBase;
    },
  };
}
