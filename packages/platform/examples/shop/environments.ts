// The example product's environments: what each changes relative to examples/shop/product.ts.
import { defineEnvironments } from "../../src/define.ts";

export const environments = defineEnvironments({
  staging: {
    // Held to the relaxed policy pack (production-only rules warn); production keeps the default, production.
    tier: "non-production",
    zone: { domain: "staging.example.com", cdnHost: "cdn.staging.example.com" },
    origin: { url: "https://origin.staging.example.com" },
    aws: { deletionProtection: false, logRetentionDays: 30 },
    waf: { logRetentionDays: 30 },
    // Staging lives inside the production zone: production's stack owns the zone-wide rulesets and settings.
    cloudflare: { ownsZone: false },
    pools: {
      web: {
        servers: [{ host: "10.10.1.10" }, { host: "10.10.2.10" }],
        scaling: { minSize: 1, desiredCapacity: 1, maxSize: 4, onDemandBaseCapacity: 0 },
      },
      api: {
        servers: [{ host: "10.10.1.20" }, { host: "10.10.2.20" }],
        scaling: {
          minSize: 1,
          desiredCapacity: 1,
          maxSize: 4,
          onDemandBaseCapacity: 0,
        },
      },
      ws: {
        servers: [{ host: "10.10.1.30" }],
        scaling: { minSize: 1, desiredCapacity: 1, maxSize: 3, onDemandBaseCapacity: 0, schedule: null },
      },
    },
    l2Cache: { nodeType: "cache.t4g.medium", snapshotRetentionDays: 1 },
    // Staging never wakes anyone: both severities go to the team's queue.
    alerting: { page: { emails: ["platform-team@example.com"] } },
  },
  production: {
    // Names deployed before they were derived per environment (staging's are derived: shop-edge-staging, ...).
    edge: { scriptName: "shop-edge" },
    pools: {
      web: { scaling: { minSize: 3, desiredCapacity: 3, maxSize: 30 } },
      api: {
        scaling: { minSize: 3, desiredCapacity: 3, maxSize: 30, queueDepth: { queueName: "shop-api-jobs" } },
      },
      ws: { scaling: { minSize: 2, desiredCapacity: 2, maxSize: 10 } },
    },
    l2Cache: { replicas: 2 },
  },
});
