import { z } from "zod";
import { AlarmsSchema } from "./alarms.ts";
import { AlertingSchema } from "./alerting.ts";
import { CloudflareSchema } from "./cloudflare.ts";
import { QualityByFormatSchema } from "./image-quality.ts";
import { LoadBalancerSchema } from "./load-balancer.ts";
import { OperationsSchema } from "./operations.ts";
import { OriginAuthSchema } from "./origin-auth.ts";
import { PoolSchema } from "./pools.ts";
import { bytes, hostname, httpsUrl, int, keyName, nonEmptyString, percent, seconds } from "./primitives.ts";
import { CacheKeySchema, RouteClassSchema } from "./routes.ts";
import { CompressionSchema, RateLimitsSchema, SecurityHeadersSchema, WafSchema } from "./security.ts";
import { SloSchema } from "./slo.ts";
import { TierSchema } from "./tier.ts";

export const ZoneSchema = z.strictObject({
  domain: hostname().describe("The apex or sub-domain the zone serves."),
  cdnHost: hostname().describe("Host name the ALB redirects static assets to."),
  minTlsVersion: z
    .enum(["1.2", "1.3"])
    .describe("Oldest TLS version Cloudflare accepts from browsers (zone setting min_tls_version)."),
  tls13: z.boolean().describe("Offer TLS 1.3 at Cloudflare (zone setting tls_1_3)."),
  http3: z.boolean().describe("Offer HTTP/3 (QUIC) at Cloudflare (zone setting http3)."),
  alwaysUseHttps: z.boolean().describe("Redirect every http:// request to https:// at Cloudflare."),
  sslMode: z
    .enum(["strict", "full"])
    .describe("Cloudflare → origin TLS: strict validates the origin certificate."),
  earlyHints: z.boolean().describe("Send 103 Early Hints from Cloudflare for cached Link headers."),
});

export const ImagesSchema = z.strictObject({
  widths: z
    .array(int(16, 8192, " px"))
    .min(1)
    .describe("Allowed output widths; requests snap up to the next one."),
  maxOutputPixels: int(1, 100_000_000).describe("Largest output image (width × height) the worker renders."),
  maxSourceBytes: bytes(1024, 104_857_600).describe(
    "Largest source image the worker fetches and transforms; larger ones are refused.",
  ),
  maxSourcePixels: int(1, 400_000_000).describe("Refuse sources larger than this (decompression bombs)."),
  defaultQuality: int(1, 100).describe(
    "Output quality when the request names none and qualityByFormat has no entry for the output format.",
  ),
  qualityByFormat: QualityByFormatSchema.describe("Output quality per format when the request names none."),
  minQuality: int(1, 100).describe("Lowest quality a request may ask for (lower values are clamped)."),
  maxQuality: int(1, 100).describe("Highest quality a request may ask for (higher values are clamped)."),
  maxDpr: int(1, 4).describe("Largest device-pixel ratio honoured: width × dpr is clamped to this."),
  formats: z.array(z.enum(["avif", "webp"])).describe("Negotiated output formats, best first."),
  svg: z
    .enum(["sandbox", "refuse"])
    .describe("sandbox: pass SVG through with a sandboxing CSP; refuse: 415."),
  sourcePathPrefix: z
    .string()
    .regex(/^\/[\w./-]*\/$/, { error: 'must be a path prefix such as "/images/"' })
    .describe("Path prefix under which the origin serves source images."),
});

export const EdgeWorkerSchema = z.strictObject({
  scriptName: keyName().describe(
    "Name of the Worker script that wrangler deploys (Cloudflare routes point here; also the worker's cache namespace). Derived per environment (<name>-edge-<environment>) unless set; two environments may not share one.",
  ),
  originTimeoutMs: int(100, 120_000, " ms").describe(
    "How long the worker waits for the origin before answering 504 (or serving stale).",
  ),
  purgePath: z
    .string()
    .regex(/^\/[\w./-]+$/)
    .describe("Path of the worker's authenticated purge endpoint."),
  htmlMinify: z.boolean().describe("Minify HTML responses on the way out (on a miss, before caching)."),
  maxCoalescedWaiters: int(1, 10_000).describe(
    "Concurrent misses of one key that wait for one origin fetch.",
  ),
  purgeLogSyncMs: int(100, 60_000, " ms").describe(
    "How stale an isolate's copy of the purge log may be: a purge reaches other isolates of a data centre within this time.",
  ),
});

export const L2CacheSchema = z.strictObject({
  engine: z.enum(["valkey", "redis"]).describe("ElastiCache engine of the L2 cache."),
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/)
    .describe("Engine version, major.minor."),
  nodeType: z
    .string()
    .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
      error: "must be an ElastiCache node type such as cache.r7g.large",
    })
    .describe("ElastiCache node type of each node."),
  replicas: int(0, 5).describe("Read replicas per shard; ≥1 gives Multi-AZ failover."),
  maxmemoryPolicy: z
    .enum(["allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu", "noeviction"])
    .describe("Eviction policy when memory is full (parameter group maxmemory-policy)."),
  reservedMemoryPercent: percent(0, 50).describe(
    "Memory kept back for snapshots and replication (reserved-memory-percent).",
  ),
  snapshotRetentionDays: int(0, 35).describe("Days of automatic snapshots kept; 0 turns snapshots off."),
});

export const AwsSchema = z.strictObject({
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "must be an AWS region such as eu-west-1" })
    .describe("AWS region of the environment's stacks."),
  albIdleTimeoutSeconds: seconds(1, 4000).describe(
    "ALB idle timeout: closes connections idle this long (keep above the origin's keep-alive).",
  ),
  deletionProtection: z
    .boolean()
    .describe("Protect the ALB and stateful resources from deletion (off in throwaway environments)."),
  accessLogsPrefix: nonEmptyString("an S3 key prefix").describe("S3 key prefix of the ALB access logs."),
  logRetentionDays: int(1, 3653).describe("Days the environment's log groups and access logs are kept."),
});

export const EnvironmentNameSchema = keyName();

/** The whole model: shape only. Cross-field rules live in refinements.ts. */
export const PlatformShapeSchema = z.strictObject({
  name: keyName().describe("Short product name used in resource names."),
  environment: EnvironmentNameSchema.describe(
    "Name of the environment (a key of the product's environments); set by the resolver.",
  ),
  tier: TierSchema,
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
  originAuth: OriginAuthSchema.prefault({}).describe(
    'Secret-header origin lockdown (stacks/README.md "Origin lockdown").',
  ),
  operations: OperationsSchema.prefault({}).describe(
    "Purge, warming and load scenarios (packages/ops, packages/load).",
  ),
});
export type PlatformShape = z.infer<typeof PlatformShapeSchema>;
export type PlatformInput = z.input<typeof PlatformShapeSchema>;
