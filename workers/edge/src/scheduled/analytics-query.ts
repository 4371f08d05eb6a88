import type { CacheOutcome } from "../lib/cache-status.ts";

/** Requests per route class and cache outcome in one minute. */
export type OutcomeCounts = Record<string, Partial<Record<CacheOutcome, number>>>;

export interface AnalyticsQuery {
  /** Analytics Engine SQL API: `https://api.cloudflare.com/client/v4/accounts/<id>/analytics_engine/sql`. */
  readonly url: string;
  /** API token with Account Analytics Read (a secret; never logged). */
  readonly token: string;
  readonly dataset: string;
  readonly environment: string;
}

const DATASET = /^[a-z][a-z0-9_]{0,63}$/;
const ENVIRONMENT = /^[a-z][a-z0-9-]{0,30}$/;

/** `YYYY-MM-DD HH:MM:SS` in UTC, the form `toDateTime` reads. */
const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/**
 * The SQL of one minute [startMs, startMs + 60 s): sampled rows weighted by `_sample_interval`, as the SQL API
 * documentation asks, grouped by route class and outcome. Names are checked against strict patterns before
 * they go into the query (they come from the model, but SQL is assembled by hand).
 */
export function outcomeSql(dataset: string, environment: string, startMs: number): string {
  if (!DATASET.test(dataset)) throw new Error(`cdn-metrics: dataset "${dataset}" is not a plain name`);
  if (!ENVIRONMENT.test(environment))
    throw new Error(`cdn-metrics: environment "${environment}" is not a plain name`);
  return [
    "SELECT blob2 AS routeClass, blob3 AS outcome, SUM(_sample_interval) AS requests",
    `FROM ${dataset}`,
    `WHERE blob1 = '${environment}'`,
    `AND timestamp >= toDateTime('${sqlTime(startMs)}') AND timestamp < toDateTime('${sqlTime(startMs + 60_000)}')`,
    "GROUP BY routeClass, outcome",
    "FORMAT JSON",
  ].join(" ");
}

/** Runs the query and returns the counts; throws with the HTTP status (never the token) on failure. */
export async function queryOutcomes(q: AnalyticsQuery, startMs: number): Promise<OutcomeCounts> {
  const res = await fetch(q.url, {
    method: "POST",
    headers: { Authorization: `Bearer ${q.token}`, "Content-Type": "text/plain" },
    body: outcomeSql(q.dataset, q.environment, startMs),
  });
  if (!res.ok) throw new Error(`cdn-metrics: analytics query answered ${res.status}`);
  const body = (await res.json()) as {
    data?: { routeClass: string; outcome: string; requests: number | string }[];
  };
  const counts: OutcomeCounts = {};
  for (const row of body.data ?? []) {
    const outcome = row.outcome as CacheOutcome;
    const perClass = counts[row.routeClass] ?? {};
    perClass[outcome] = (perClass[outcome] ?? 0) + Number(row.requests);
    counts[row.routeClass] = perClass;
  }
  return counts;
}
