import { z } from "zod";
import { SECONDS_PER_YEAR } from "../defaults/units.ts";
import { bytes, cidr, int, keyName, seconds } from "./primitives.ts";

const CSP_SOURCE =
  /^('[a-z-]+'|[a-z][a-z0-9+.-]*:|https?:\/\/[^\s;,']+|\*(\.[a-z0-9.-]+)?|[a-z0-9.-]+\.[a-z]{2,})$/;

/** One CSP: directive name → sources. An empty list renders the bare directive (e.g. upgrade-insecure-requests). */
export const CspProfileSchema = z.strictObject({
  directives: z
    .record(
      z.string().regex(/^[a-z-]+$/, { error: "must be a CSP directive name such as default-src" }),
      z.array(
        z
          .string()
          .regex(CSP_SOURCE, { error: "must be a CSP source such as 'self' or https://cdn.example.com" }),
      ),
    )
    .describe("Directive name → sources, e.g. script-src → ['self']."),
  nonceScripts: z
    .boolean()
    .describe(
      "The worker adds a per-response nonce and 'strict-dynamic' to script-src and to every <script>.",
    ),
});
export type CspProfile = z.infer<typeof CspProfileSchema>;

export const SecurityHeadersSchema = z.strictObject({
  hsts: z.strictObject({
    maxAgeSeconds: seconds(0, 2 * SECONDS_PER_YEAR).describe("Strict-Transport-Security max-age."),
    includeSubDomains: z.boolean().describe("HSTS covers every sub-domain too."),
    preload: z
      .boolean()
      .describe("Adds preload (browsers' built-in HSTS list; needs includeSubDomains and a year or more)."),
  }),
  frameOptions: z.enum(["DENY", "SAMEORIGIN"]).describe("X-Frame-Options: who may frame the pages."),
  referrerPolicy: z
    .enum([
      "no-referrer",
      "same-origin",
      "strict-origin",
      "strict-origin-when-cross-origin",
      "no-referrer-when-downgrade",
    ])
    .describe("Referrer-Policy of every response."),
  permissionsPolicy: z
    .record(z.string().regex(/^[a-z-]+$/), z.array(z.string()))
    .describe('Feature → allow list; [] renders feature=() (disabled), ["self"] renders feature=(self).'),
  crossOriginOpenerPolicy: z
    .enum(["same-origin", "same-origin-allow-popups", "unsafe-none"])
    .describe("Cross-Origin-Opener-Policy of documents."),
  crossOriginResourcePolicy: z
    .enum(["same-origin", "same-site", "cross-origin"])
    .describe("Cross-Origin-Resource-Policy: which sites may embed the responses."),
  csp: z.record(keyName(), CspProfileSchema).describe("CSP profiles keyed by name; route classes pick one."),
  removeResponseHeaders: z.array(z.string()).describe("Headers stripped from every response (Server, ...)."),
});
export type SecurityHeaders = z.infer<typeof SecurityHeadersSchema>;

export const CompressionSchema = z.strictObject({
  algorithms: z
    .array(z.enum(["br", "gzip"]))
    .min(1)
    .describe("In order of preference: brotli first, gzip as the fallback."),
  minSizeBytes: bytes(0, 1_048_576).describe("Responses smaller than this are sent uncompressed."),
  brotliLevel: int(0, 11).describe("Brotli quality for on-the-fly compression (higher: smaller, slower)."),
  gzipLevel: int(1, 9).describe("gzip level for on-the-fly compression."),
  contentTypes: z
    .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, { error: "must be a MIME type" }))
    .min(1)
    .describe("MIME types that are compressed."),
});

export const RateLimitsSchema = z.strictObject({
  waf: z.strictObject({
    requestsPerMinute: int(100, 2_000_000_000).describe(
      "Per client IP, counted over 60 s, at the CDN and AWS WAF.",
    ),
    mitigationSeconds: seconds(10, 86_400).describe(
      "How long an IP stays blocked at Cloudflare once over the limit.",
    ),
  }),
  loadBalancer: z.strictObject({
    requestsPerSecond: int(1, 100_000).describe("Per client IP at the NGINX load balancer (limit_req)."),
    burst: int(0, 100_000).describe(
      "Requests above the rate a client may send in a burst before 429 (limit_req burst).",
    ),
    connectionsPerIp: int(1, 100_000).describe("Concurrent connections per client IP (limit_conn)."),
    rejectStatus: int(400, 599).describe("Status NGINX answers when a limit is hit."),
  }),
});

export const ManagedRuleGroupSchema = z.strictObject({
  vendor: z.string().min(1).describe("Vendor of the managed rule group (AWS, or a Marketplace seller)."),
  priority: int(0, 1000).describe("Evaluation order in the web ACL (lower first); unique per group."),
  excludedRules: z.array(z.string()).describe("Rules of the group set to count instead of block."),
});

export const WafSchema = z.strictObject({
  managedRuleGroups: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), ManagedRuleGroupSchema),
  ipBlockList: z.array(cidr()).describe("Client networks that are always refused."),
  maxBodyBytes: bytes(1024, 1_073_741_824).describe("Largest request body accepted (WAF rule, NGINX 413)."),
  logRetentionDays: z
    .union(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653].map((d) => z.literal(d)),
      {
        error:
          "must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827 or 3653 days",
      },
    )
    .describe("Days the WAF logs are kept (a CloudWatch Logs retention value)."),
});
