import type { PlatformDefaults } from "../product/types.ts";
import { defaultLoadBalancer } from "./load-balancer.ts";
import { defaultCompression, defaultRateLimits, defaultSecurityHeaders, defaultWaf } from "./security.ts";
import { MIB, MS_PER_SECOND } from "./units.ts";

/** Tracking parameters that never change a response: dropped from every cache key. */
export const TRACKING_PARAMS = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "utm_id",
  "gclid",
  "gbraid",
  "wbraid",
  "dclid",
  "fbclid",
  "msclkid",
  "twclid",
  "yclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
];

/**
 * Everything of the model that does not depend on the product: a product (examples/shop) adds its name,
 * domain, origin, route classes and pools, and may override any of these.
 */
export const platformDefaults = {
  zone: {
    minTlsVersion: "1.2",
    tls13: true,
    http3: true,
    alwaysUseHttps: true,
    sslMode: "strict",
    earlyHints: true,
  },
  aws: {
    region: "eu-west-1",
    albIdleTimeoutSeconds: 60,
    deletionProtection: true,
    accessLogsPrefix: "alb",
    logRetentionDays: 90,
  },
  cacheKey: { ignoredQueryParams: TRACKING_PARAMS, sortQuery: true },
  securityHeaders: defaultSecurityHeaders,
  compression: defaultCompression,
  rateLimits: defaultRateLimits,
  loadBalancer: defaultLoadBalancer,
  waf: defaultWaf,
  images: {
    widths: [160, 320, 480, 640, 768, 1024, 1280, 1536, 1920, 2560],
    maxOutputPixels: 2560 * 2560,
    maxSourceBytes: 20 * MIB,
    maxSourcePixels: 40_000_000,
    defaultQuality: 80,
    qualityByFormat: { avif: 63, webp: 79, jpeg: 80 }, // imgproxy's defaults
    minQuality: 30,
    maxQuality: 95,
    maxDpr: 3,
    formats: ["avif", "webp"],
    svg: "sandbox",
    sourcePathPrefix: "/images/",
  },
  edge: {
    originTimeoutMs: 10 * MS_PER_SECOND,
    purgePath: "/__edge/purge",
    htmlMinify: true,
    maxCoalescedWaiters: 1000,
    purgeLogSyncMs: MS_PER_SECOND,
  },
  alarms: {
    latencyP95: { thresholdSeconds: 2, forMinutes: 5 },
    cpu: { thresholdPercent: 80, forMinutes: 5 },
    memory: { thresholdPercent: 85, forMinutes: 5 },
    errorRate: { thresholdPercent: 5, forMinutes: 1 },
    cacheHitRate: { belowPercent: 70, forMinutes: 10 },
  },
  l2Cache: {
    engine: "valkey",
    engineVersion: "8.0",
    nodeType: "cache.r7g.large",
    replicas: 1,
    maxmemoryPolicy: "allkeys-lru",
    reservedMemoryPercent: 25,
    snapshotRetentionDays: 7,
  },
} satisfies PlatformDefaults;

export { CLOUDFLARE_IP_RANGES, defaultLoadBalancer, defaultUpstream } from "./load-balancer.ts";
export * from "./presets.ts";
export { defaultScaling } from "./scaling.ts";
export { defaultCompression, defaultRateLimits, defaultSecurityHeaders, defaultWaf } from "./security.ts";
export * from "./units.ts";
