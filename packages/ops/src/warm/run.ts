import { setTimeout as delay } from "node:timers/promises";
import type { Platform } from "@edge/platform";
import { TokenBucket } from "../purge/limits.ts";
import type { WarmTarget } from "./targets.ts";

export type WarmOutcome = "hit" | "filled" | "uncached" | "failed";

export interface WarmResult extends WarmTarget {
  outcome: WarmOutcome;
  status: number | "network";
  cacheStatus: string;
}

export interface WarmReport {
  target: string;
  results: WarmResult[];
  /** Per route class: how many were already cached, filled now, answered without being stored, failed. */
  byClass: Record<string, Record<WarmOutcome, number>>;
  failedPercent: number;
  /** True when the failed share is within `operations.warm.maxErrorPercent`. */
  ok: boolean;
}

export interface WarmOptions {
  platform: Platform;
  /** Base URL of the edge, e.g. https://staging.example.com or the local edge's worker URL. */
  target: string;
  targets: WarmTarget[];
  /** @default operations.warm.concurrency */
  concurrency?: number;
  /** @default operations.warm.requestsPerSecond */
  requestsPerSecond?: number;
  onProgress?: (done: number, failed: number) => void;
}

/**
 * What the edge said about a response: RFC 9211 `Cache-Status` from the worker (`hit`, `fwd=…; stored`), else
 * Cloudflare's `CF-Cache-Status`. A 2xx that was neither served from nor written to the cache is "uncached".
 */
export function outcomeOf(status: number, cacheStatus: string, cfCacheStatus: string): WarmOutcome {
  if (status >= 400) return "failed";
  if (/;\s*hit\b/i.test(cacheStatus) || /^(HIT|UPDATING|REVALIDATED)$/i.test(cfCacheStatus)) return "hit";
  if (/\bstored\b/i.test(cacheStatus) || /^(MISS|EXPIRED)$/i.test(cfCacheStatus)) return "filled";
  return "uncached";
}

/** Requests every target through the edge with bounded concurrency and rate, and counts outcomes per class. */
export async function runWarm(options: WarmOptions): Promise<WarmReport> {
  const { platform, targets } = options;
  const settings = platform.operations.warm;
  const base = options.target.replace(/\/$/, "");
  const bucket = new TokenBucket(
    options.requestsPerSecond ?? settings.requestsPerSecond,
    Math.max(1, Math.min(options.concurrency ?? settings.concurrency, 10)),
    (ms) => delay(ms),
  );
  const results: WarmResult[] = [];
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < targets.length) {
      const t = targets[next++]!;
      await bucket.take();
      let result: WarmResult;
      try {
        const res = await fetch(`${base}${t.path}`, {
          headers: { Accept: t.accept, "User-Agent": "edge-warm/1" },
          redirect: "manual",
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        await res.arrayBuffer(); // read the whole body, so the edge finishes storing it
        const cacheStatus = res.headers.get("cache-status") ?? "";
        const outcome = outcomeOf(res.status, cacheStatus, res.headers.get("cf-cache-status") ?? "");
        result = { ...t, outcome, status: res.status, cacheStatus };
      } catch {
        result = { ...t, outcome: "failed", status: "network", cacheStatus: "" };
      }
      if (result.outcome === "failed") failed++;
      results.push(result);
      options.onProgress?.(results.length, failed);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? settings.concurrency, targets.length));
  await Promise.all(Array.from({ length: n }, worker));

  const byClass: WarmReport["byClass"] = {};
  for (const r of results) {
    byClass[r.className] ??= { hit: 0, filled: 0, uncached: 0, failed: 0 };
    byClass[r.className]![r.outcome]++;
  }
  const failedPercent = results.length === 0 ? 0 : (failed / results.length) * 100;
  return { target: base, results, byClass, failedPercent, ok: failedPercent <= settings.maxErrorPercent };
}

/** The per-class table printed at the end. */
export function formatWarmReport(report: WarmReport, maxErrorPercent: number): string {
  const rows = Object.entries(report.byClass).map(
    ([name, c]) =>
      `  ${name.padEnd(10)} ${String(c.hit).padStart(6)} ${String(c.filled).padStart(7)} ${String(c.uncached).padStart(9)} ${String(c.failed).padStart(7)}`,
  );
  const failures = report.results
    .filter((r) => r.outcome === "failed")
    .slice(0, 10)
    .map((r) => `  failed: ${r.status} ${r.path} (Accept: ${r.accept})`);
  return [
    `warm ${report.target}: ${report.results.length} request(s)`,
    "  class         hit  filled  uncached  failed",
    ...rows,
    ...failures,
    report.ok
      ? `warm: ok (${report.failedPercent.toFixed(1)} % failed, threshold ${maxErrorPercent} %)`
      : `warm FAILED: ${report.failedPercent.toFixed(1)} % of requests failed (threshold ${maxErrorPercent} %)`,
  ].join("\n");
}
