import type { MiddlewareHandler } from "hono";
import type { PurgeLog } from "../../lib/purge-log.ts";
import { plainResponse } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";

/** Limits of one purge call, so a purge cannot grow the log without bound in one go. */
const MAX_PURGE_BODY_BYTES = 64 * 1024;
const MAX_ITEMS = 100;
const MAX_ITEM_LENGTH = 1024;

const encoder = new TextEncoder();

/** Constant-time comparison of two secrets (length leaks, content does not). */
function sameSecret(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.byteLength !== y.byteLength) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}

function stringList(value: unknown, field: string, check: (s: string) => boolean): string[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return `${field} must be an array of strings`;
  if (value.length > MAX_ITEMS) return `${field}: at most ${MAX_ITEMS} per call`;
  for (const item of value) {
    if (typeof item !== "string" || item.length === 0 || item.length > MAX_ITEM_LENGTH || !check(item))
      return `${field}: invalid entry ${JSON.stringify(String(item).slice(0, 80))}`;
  }
  return value as string[];
}

/**
 * The purge endpoint: `POST <edge.purgePath>` with `Authorization: Bearer <PURGE_TOKEN>` and a JSON body
 * `{"tags": ["product-42"], "prefixes": ["/api/products/"]}`. Entries filled before the purge and carrying one of
 * the tags (origin `Cache-Tag`) or a path under one of the prefixes are no longer served.
 */
export interface PurgeOptions {
  /** The endpoint's path (the model's `edge.purgePath`). */
  path: string;
  /** Where purges are recorded; the caches consult the same log. */
  purgeLog: PurgeLog;
  /** The Cache API cache the log is stored in. @default caches.default */
  cache?: Cache;
}

export function purge(options: PurgeOptions): MiddlewareHandler<EdgeEnv> {
  const { path, purgeLog } = options;
  return async function purgeHandler(c, next) {
    if (c.req.path !== path) return next();
    if (c.req.method !== "POST") return plainResponse(405, "purge: use POST", { Allow: "POST" });
    const token = c.env.PURGE_TOKEN;
    if (!token) return plainResponse(403, "purge: not configured (set the PURGE_TOKEN secret)");
    const auth = c.req.header("authorization") ?? "";
    if (!auth.startsWith("Bearer ") || !sameSecret(auth.slice(7), token))
      return plainResponse(401, "purge: bad or missing bearer token", {
        "WWW-Authenticate": 'Bearer realm="purge"',
      });
    const text = await c.req.text();
    if (text.length > MAX_PURGE_BODY_BYTES) return plainResponse(413, "purge: body too large");
    let body: { tags?: unknown; prefixes?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      return plainResponse(400, 'purge: body must be JSON like {"tags": [...], "prefixes": [...]}');
    }
    if (typeof body !== "object" || body === null)
      return plainResponse(400, "purge: body must be a JSON object");
    const tags = stringList(body.tags, "tags", (t) => !t.includes(","));
    if (typeof tags === "string") return plainResponse(400, `purge: ${tags}`);
    const prefixes = stringList(body.prefixes, "prefixes", (p) => p.startsWith("/"));
    if (typeof prefixes === "string") return plainResponse(400, `purge: ${prefixes}`);
    if (tags.length + prefixes.length === 0)
      return plainResponse(400, "purge: give at least one tag or prefix");
    const at = await purgeLog.record(options.cache ?? caches.default, tags, prefixes);
    return c.json({ purged: { tags, prefixes }, at: new Date(at).toISOString() }, 200, {
      "Cache-Control": "no-store",
    });
  };
}
