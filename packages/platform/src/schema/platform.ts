import { z } from "zod";
import { AlarmsSchema } from "./alarms.ts";
import { AlertingSchema } from "./alerting.ts";
import { CloudflareSchema } from "./cloudflare.ts";
import { LoadBalancerSchema } from "./load-balancer.ts";
import { OperationsSchema } from "./operations.ts";
import { PoolSchema } from "./pools.ts";
import { bytes, hostname, httpsUrl, int, keyName, nonEmptyString, percent, seconds } from "./primitives.ts";
import { CacheKeySchema, RouteClassSchema } from "./routes.ts";
import { CompressionSchema, RateLimitsSchema, SecurityHeadersSchema, WafSchema } from "./security.ts";
import { SloSchema } from "./slo.ts";

export const ZoneSchema = z.strictObject({
  domain: hostname().describe("The apex or sub-domain the zone serves."),
  cdnHost: hostname().describe("Host name the ALB redirects static assets to."),
  minTlsVersion: z.enum(["1.2", "1.3"]),
  tls13: z.boolean(),
  http3: z.boolean(),
  alwaysUseHttps: z.boolean(),
  sslMode: z
    .enum(["strict", "full"])
    .describe("Cloudflare → origin TLS: strict validates the origin certificate."),
  earlyHints: z.boolean(),
});

export const ImagesSchema = z.strictObject({
  widths: z
    .array(int(16, 8192, " px"))
    .min(1)
    .describe("Allowed output widths; requests snap up to the next one."),
  maxOutputPixels: int(1, 100_000_000),
  maxSourceBytes: bytes(1024, 104_857_600),
  maxSourcePixels: int(1, 400_000_000).describe("Refuse sources larger than this (decompression bombs)."),
  defaultQuality: int(1, 100),
  minQuality: int(1, 100),
  maxQuality: int(1, 100),
  maxDpr: int(1, 4),
  formats: z.array(z.enum(["avif", "webp"])).describe("Negotiated output formats, best first."),
  svg: z
    .enum(["sandbox", "refuse"])
    .describe("sandbox: pass SVG through with a sandboxing CSP; refuse: 415."),
  sourcePathPrefix: z.string().regex(/^\/[\w./-]*\/$/, { error: 'must be a path prefix such as "/images/"' }),
});

export const EdgeWorkerSchema = z.strictObject({
  scriptName: keyName().describe(
    "Name of the Worker script that wrangler deploys (Cloudflare routes point here).",
  ),
  originTimeoutMs: int(100, 120_000, " ms"),
  purgePath: z.string().regex(/^\/[\w./-]+$/),
  htmlMinify: z.boolean(),
  maxCoalescedWaiters: int(1, 10_000).describe(
    "Concurrent misses of one key that wait for one origin fetch.",
  ),
  purgeLogSyncMs: int(100, 60_000, " ms").describe(
    "How stale an isolate's copy of the purge log may be: a purge reaches other isolates of a data centre within this time.",
  ),
});

export const L2CacheSchema = z.strictObject({
  engine: z.enum(["valkey", "redis"]),
  engineVersion: z.string().regex(/^\d+\.\d+$/),
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
    error: "must be an ElastiCache node type such as cache.r7g.large",
  }),
  replicas: int(0, 5).describe("Read replicas per shard; ≥1 gives Multi-AZ failover."),
  maxmemoryPolicy: z.enum(["allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu", "noeviction"]),
  reservedMemoryPercent: percent(0, 50),
  snapshotRetentionDays: int(0, 35),
});

export const AwsSchema = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "must be an AWS region such as eu-west-1" }),
  albIdleTimeoutSeconds: seconds(1, 4000),
  deletionProtection: z.boolean(),
  accessLogsPrefix: nonEmptyString("an S3 key prefix"),
  logRetentionDays: int(1, 3653),
});

export const EnvironmentNameSchema = keyName();

/** The whole model: shape only. Cross-field rules live in refinements.ts. */
export const PlatformShapeSchema = z.strictObject({
  name: keyName().describe("Short product name used in resource names."),
  environment: EnvironmentNameSchema,
  zone: ZoneSchema,
  origin: z.strictObject({
    url: httpsUrl().describe("Where the edge worker fetches from (the ALB or NGINX in front of the pools)."),
  }),
  aws: AwsSchema,
  cacheKey: CacheKeySchema,
  routeClasses: z.record(keyName(), RouteClassSchema),
  defaultPool: keyName().describe("Pool for paths no route class claims."),
  securityHeaders: SecurityHeadersSchema,
  compression: CompressionSchema,
  rateLimits: RateLimitsSchema,
  loadBalancer: LoadBalancerSchema,
  waf: WafSchema,
  pools: z.record(keyName(), PoolSchema),
  images: ImagesSchema,
  edge: EdgeWorkerSchema,
  alarms: AlarmsSchema,
  alerting: AlertingSchema,
  l2Cache: L2CacheSchema,
  slo: SloSchema,
  cloudflare: CloudflareSchema.prefault({}),
  operations: OperationsSchema.prefault({}).describe(
    "Purge, warming and load scenarios (packages/ops, packages/load).",
  ),
});
export type PlatformShape = z.infer<typeof PlatformShapeSchema>;
export type PlatformInput = z.input<typeof PlatformShapeSchema>;
