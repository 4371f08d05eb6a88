import type { PlatformConfig } from "../../src/define.ts";

/**
 * Service levels from the seeds: 99.9 % availability; API p95 < 200 ms and p99 < 500 ms; pages p95 < 500 ms.
 * Alerts follow the Google SRE workbook's multi-window, multi-burn-rate table for a 30-day window: page when
 * 2 % of the budget goes in 1 h (14.4×, with 5 min) or 5 % in 6 h (6×, with 30 min); ticket when 10 % goes
 * in 3 days (1×, with 6 h).
 */
export const defaultSlo = {
  windowDays: 30,
  objectives: {
    api: {
      description: "JSON API answers without a 5xx, p95 under 200 ms and p99 under 500 ms.",
      pool: "api",
      availabilityPercent: 99.9,
      latency: [
        { percentile: 95, thresholdMs: 200 },
        { percentile: 99, thresholdMs: 500 },
      ],
    },
    web: {
      description: "Pages and images answer without a 5xx, p95 under 500 ms.",
      pool: "web",
      availabilityPercent: 99.9,
      latency: [{ percentile: 95, thresholdMs: 500 }],
    },
    ws: {
      description: "WebSocket handshakes succeed (connections are long-lived: no latency objective).",
      pool: "ws",
      availabilityPercent: 99.9,
      latency: [],
    },
  },
  burnRateAlerts: {
    "page-fast": { severity: "page", budgetPercent: 2, longWindowMinutes: 60, shortWindowMinutes: 5 },
    "page-slow": { severity: "page", budgetPercent: 5, longWindowMinutes: 360, shortWindowMinutes: 30 },
    ticket: { severity: "ticket", budgetPercent: 10, longWindowMinutes: 4320, shortWindowMinutes: 360 },
  },
  synthetic: {
    healthPath: "/healthz",
    // static is left out (fingerprinted names change with every build); websocket needs an upgrade, not a GET.
    samplePaths: { html: "/", api: "/api/healthz", images: "/images/healthz.png" },
    requestIntervalSeconds: 30,
    failureThreshold: 3,
  },
  cdn: { namespace: "Shop/Edge", dataset: "edge_cache_status" },
} satisfies PlatformConfig["slo"];
