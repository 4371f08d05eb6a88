// Test helpers inside workerd: program the test origin and call the worker as a client would.
import { env, exports } from "cloudflare:workers";

import type { RouteSpec } from "./route-spec.ts";

export type { RouteSpec };

const originUrl = () => env.ORIGIN_URL as string;

/** Sets how the origin answers `path` (query ignored). */
export async function route(path: string, spec: RouteSpec): Promise<void> {
  const res = await fetch(`${originUrl()}/__origin/routes`, {
    method: "POST",
    body: JSON.stringify({ path, ...spec }),
  });
  await res.arrayBuffer();
}

export interface OriginStats {
  count: number;
  last?: { url: string; method: string; headers: Record<string, string | string[] | undefined> };
}

/** How often the origin was fetched for `path`, and the last request it saw. */
export async function stats(path: string): Promise<OriginStats> {
  const res = await fetch(`${originUrl()}/__origin/stats?path=${encodeURIComponent(path)}`);
  return (await res.json()) as OriginStats;
}

/** A path nobody else uses: tests share one origin and one isolate. */
export function unique(prefix: string): string {
  return `${prefix}${crypto.randomUUID().slice(0, 12)}`;
}

/** A request to the worker under test (its default export, as deployed). */
export function worker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`https://example.com${path}`, init);
}

/** Resolves when `check()` is true, polling up to `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
