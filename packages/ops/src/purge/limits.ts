import type { CloudflarePlan } from "@edge/platform";

export type { CloudflarePlan };

/** What one plan allows per purge API call and how fast calls may come. */
export interface PurgeLimits {
  /** Tags, hostnames or prefixes per request. */
  itemsPerRequest: number;
  /** URLs per single-file purge request. */
  urlsPerRequest: number;
  /** Sustained purge requests per second (token bucket refill). */
  requestsPerSecond: number;
  /** Requests that may be sent at once before the refill rate applies. */
  bucketSize: number;
}

/**
 * Cloudflare's purge limits per plan, applied per account. Every plan has purge by URL, hostname, tag, prefix
 * and everything. Source: https://developers.cloudflare.com/cache/how-to/purge-cache/ ("Availability and
 * limits", read 2026-11-29): Free 5 requests/minute (bucket 25), Pro 5/s (25), Business 10/s (50),
 * Enterprise 50/s (500); at most 100 operations per request; single-file URLs 100 per request (Enterprise 500).
 */
export const PURGE_LIMITS: Record<CloudflarePlan, PurgeLimits> = {
  free: { itemsPerRequest: 100, urlsPerRequest: 100, requestsPerSecond: 5 / 60, bucketSize: 25 },
  pro: { itemsPerRequest: 100, urlsPerRequest: 100, requestsPerSecond: 5, bucketSize: 25 },
  business: { itemsPerRequest: 100, urlsPerRequest: 100, requestsPerSecond: 10, bucketSize: 50 },
  enterprise: { itemsPerRequest: 100, urlsPerRequest: 500, requestsPerSecond: 50, bucketSize: 500 },
};

/** The edge worker's purge endpoint accepts at most this many tags and this many prefixes per call. */
export const WORKER_ITEMS_PER_CALL = 100;

/** A token bucket: `take()` resolves when a request may be sent without exceeding the plan's rate. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private readonly ratePerSecond: number;
  private readonly size: number;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(ratePerSecond: number, size: number, sleep: (ms: number) => Promise<void>) {
    this.ratePerSecond = ratePerSecond;
    this.size = size;
    this.sleep = sleep;
    this.tokens = size;
  }

  async take(): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.size, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) {
      await this.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
      this.tokens = 1;
      this.last = Date.now();
    }
    this.tokens -= 1;
  }
}
