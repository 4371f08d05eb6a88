import type { WorkerPolicy } from "../policy.ts";

/**
 * Tag- and prefix-based invalidation that works wherever the Cache API does (Miniflare included).
 *
 * The Cache API cannot list or delete by tag, so purges are recorded instead: a purge log (tag or path prefix →
 * purge time) lives in the Cache API under one key, and each isolate keeps a copy in memory. An entry whose fill
 * started at or before a matching purge is treated as absent. The purging isolate sees its purge at once; other
 * isolates of the same data centre re-read the log at most `syncMs` later. Dropped rules raise `floor`, so a
 * bounded log never forgets a purge: it only widens it to "everything older".
 */
export interface PurgeRules {
  floor: number;
  tags: Record<string, number>;
  prefixes: Record<string, number>;
}

export interface PurgeLogOptions {
  /** Cache API key of the stored log (a URL on the zone). */
  key: string;
  /** How stale an isolate's copy may be, in ms. */
  syncMs: number;
  /** Rules kept before the oldest are folded into `floor`. */
  maxRules: number;
  /** Lifetime of the stored log in seconds (at least the longest entry lifetime). */
  ttlSeconds: number;
}

export class PurgeLog {
  #rules: PurgeRules = { floor: 0, tags: {}, prefixes: {} };
  #prefixList: [string, number][] = [];
  #hasTagRules = false;
  #syncedAt = Number.NEGATIVE_INFINITY;
  #options: PurgeLogOptions;

  constructor(options: PurgeLogOptions) {
    this.#options = options;
  }

  /** Whether this isolate's copy is older than `syncMs` (then call `sync`). Synchronous: hot path. */
  due(): boolean {
    return Date.now() - this.#syncedAt >= this.#options.syncMs;
  }

  /**
   * True if an entry filled at `filledAt` for `path` with `tags` (comma-separated) was purged since.
   * Synchronous: hot path.
   */
  isPurged(path: string, tags: string, filledAt: number): boolean {
    if (filledAt <= this.#rules.floor) return true;
    if (tags && this.#hasTagRules) {
      for (const tag of tags.split(",")) {
        const at = this.#rules.tags[tag];
        if (at !== undefined && at >= filledAt) return true;
      }
    }
    for (const [prefix, at] of this.#prefixList) if (at >= filledAt && path.startsWith(prefix)) return true;
    return false;
  }

  /** Re-reads the stored log if this isolate's copy is older than `syncMs`. */
  async sync(cache: Cache, force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.#syncedAt < this.#options.syncMs) return;
    this.#syncedAt = now;
    const stored = await cache.match(this.#options.key);
    if (!stored) return;
    try {
      this.#merge((await stored.json()) as PurgeRules);
    } catch {
      // A corrupt log is ignored; the next purge rewrites it.
    }
  }

  /** Records a purge and stores the log. Returns the purge time. */
  async record(cache: Cache, tags: readonly string[], prefixes: readonly string[]): Promise<number> {
    await this.sync(cache, true);
    const at = Date.now();
    const next: PurgeRules = { floor: this.#rules.floor, tags: {}, prefixes: {} };
    for (const tag of tags) next.tags[tag] = at;
    for (const prefix of prefixes) next.prefixes[prefix] = at;
    this.#merge(next);
    this.#compact();
    await cache.put(
      this.#options.key,
      new Response(JSON.stringify(this.#rules), {
        headers: {
          "Content-Type": "application/json",
          "Cache-Control": `public, max-age=${this.#options.ttlSeconds}`,
        },
      }),
    );
    return at;
  }

  #merge(other: PurgeRules): void {
    const rules = this.#rules;
    rules.floor = Math.max(rules.floor, Number(other.floor) || 0);
    for (const [tag, at] of Object.entries(other.tags ?? {}))
      rules.tags[tag] = Math.max(rules.tags[tag] ?? 0, at);
    for (const [p, at] of Object.entries(other.prefixes ?? {}))
      rules.prefixes[p] = Math.max(rules.prefixes[p] ?? 0, at);
    this.#prefixList = Object.entries(rules.prefixes);
    this.#hasTagRules = Object.keys(rules.tags).length > 0;
  }

  #compact(): void {
    const rules = this.#rules;
    const all = [
      ...Object.entries(rules.tags).map(([v, at]) => ({ kind: "tags" as const, v, at })),
      ...Object.entries(rules.prefixes).map(([v, at]) => ({ kind: "prefixes" as const, v, at })),
    ];
    if (all.length <= this.#options.maxRules) return;
    all.sort((a, b) => a.at - b.at);
    for (const rule of all.slice(0, all.length - this.#options.maxRules)) {
      rules.floor = Math.max(rules.floor, rule.at);
      delete rules[rule.kind][rule.v];
    }
    this.#prefixList = Object.entries(rules.prefixes);
    this.#hasTagRules = Object.keys(rules.tags).length > 0;
  }
}

/** Purge rules kept before the oldest are folded into one "purge everything older" floor. */
export const PURGE_LOG_MAX_RULES = 2000;

/** The purge log of one environment's app: stored on the zone, kept as long as the longest-lived entry. */
export function purgeLogFor(policy: WorkerPolicy): PurgeLog {
  const longestLife = Math.max(
    ...Object.values(policy.routeClasses).map(
      (rc) =>
        rc.cache.edgeTtlSeconds +
        Math.max(rc.cache.staleWhileRevalidateSeconds, rc.cache.staleIfErrorSeconds),
    ),
  );
  return new PurgeLog({
    key: `https://${policy.zone.domain}/__edge/purge-log`,
    syncMs: policy.edge.purgeLogSyncMs,
    maxRules: PURGE_LOG_MAX_RULES,
    ttlSeconds: longestLife,
  });
}

/** Brings the isolate's copy up to date when due, then answers {@link PurgeLog.isPurged}. */
export async function checkPurged(
  log: PurgeLog,
  cache: Cache,
  path: string,
  tags: string,
  filledAt: number,
): Promise<boolean> {
  if (log.due()) await log.sync(cache);
  return log.isPurged(path, tags, filledAt);
}
