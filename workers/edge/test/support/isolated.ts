// Helpers for the isolated middleware tests (src/middleware/*/index.test.ts): a fresh Hono app per case, a
// stubbed origin (no network), a fresh Cache API cache, and an execution context whose waitUntil work
// (cache writes) is finished before the answer is returned.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Hono } from "hono";
import type { Origin } from "../../src/lib/origin.ts";
import { PurgeLog } from "../../src/lib/purge-log.ts";

export interface StubOrigin {
  origin: Origin;
  /** Every request the origin received, in order. */
  seen: Request[];
}

/** An origin that answers from `answer` in-process; `fetch` never leaves the isolate. */
export function stubOrigin(answer: (req: Request) => Response | Promise<Response>): StubOrigin {
  const seen: Request[] = [];
  return {
    seen,
    origin: {
      target: () => ({ base: "http://origin.test", authHeader: "x-origin-auth", authValue: undefined }),
      timeoutMs: 2000,
      maxBodyBytes: 1024 * 1024,
      fetch: async (req) => {
        seen.push(req);
        return answer(req);
      },
    },
  };
}

/** A Cache API cache of its own, so cases never see each other's entries. */
export const freshCache = () => caches.open(`isolated-${crypto.randomUUID()}`);

/** A purge log of its own (stored under a unique key). */
export const freshPurgeLog = () =>
  new PurgeLog({
    key: `https://isolated.test/${crypto.randomUUID()}`,
    syncMs: 60_000,
    maxRules: 100,
    ttlSeconds: 600,
  });

// biome-ignore lint/suspicious/noExplicitAny: any app of any environment type
export async function call(app: Hono<any>, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://example.com${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
