import type { z } from "zod";
import type { CompressionSchema, RateLimitsSchema, SecurityHeaders, WafSchema } from "../schema/index.ts";
import { MIB, SECONDS_PER_YEAR } from "./units.ts";

/** Security headers every product starts from: strict CSP per profile, HSTS preload-ready, nothing leaked. */
export const defaultSecurityHeaders = {
  hsts: { maxAgeSeconds: 2 * SECONDS_PER_YEAR, includeSubDomains: true, preload: true },
  frameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
  permissionsPolicy: {
    accelerometer: [],
    camera: [],
    geolocation: [],
    gyroscope: [],
    magnetometer: [],
    microphone: [],
    payment: [],
    usb: [],
    "interest-cohort": [],
  },
  crossOriginOpenerPolicy: "same-origin",
  crossOriginResourcePolicy: "same-origin",
  csp: {
    document: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": [],
      },
      nonceScripts: true,
    },
    api: {
      directives: { "default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"] },
      nonceScripts: false,
    },
    image: {
      directives: {
        "default-src": ["'none'"],
        "img-src": ["'self'"],
        "style-src": ["'unsafe-inline'"],
        "frame-ancestors": ["'none'"],
        sandbox: [],
      },
      nonceScripts: false,
    },
    static: {
      directives: { "default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"] },
      nonceScripts: false,
    },
  },
  removeResponseHeaders: ["Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version"],
} satisfies SecurityHeaders;

/** Brotli first, gzip as the fallback, for every text type worth compressing. */
export const defaultCompression = {
  algorithms: ["br", "gzip"],
  minSizeBytes: 1024,
  brotliLevel: 5,
  gzipLevel: 5,
  contentTypes: [
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "application/rss+xml",
    "image/svg+xml",
  ],
} satisfies z.input<typeof CompressionSchema>;

export const defaultRateLimits = {
  waf: { requestsPerMinute: 5000, mitigationSeconds: 600 },
  loadBalancer: { requestsPerSecond: 100, burst: 200, connectionsPerIp: 100, rejectStatus: 429 },
} satisfies z.input<typeof RateLimitsSchema>;

/** AWS's baseline managed rule groups; the documentation networks as an example block list. */
export const defaultWaf = {
  managedRuleGroups: {
    AWSManagedRulesCommonRuleSet: { vendor: "AWS", priority: 10, excludedRules: ["SizeRestrictions_BODY"] },
    AWSManagedRulesSQLiRuleSet: { vendor: "AWS", priority: 20, excludedRules: [] },
    AWSManagedRulesKnownBadInputsRuleSet: { vendor: "AWS", priority: 30, excludedRules: [] },
  },
  ipBlockList: ["192.0.2.0/24", "198.51.100.0/24"],
  maxBodyBytes: 10 * MIB,
  logRetentionDays: 90,
} satisfies z.input<typeof WafSchema>;
