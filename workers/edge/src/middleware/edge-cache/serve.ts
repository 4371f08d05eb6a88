import { mutableCopy } from "../../lib/respond.ts";
import { markPrepared } from "../security-headers/index.ts";
import { cacheStatus, type Forward } from "./cache-status.ts";
import { type EntryMeta, type Freshness, NULL_BODY, restoreServedHeaders, servedHeaders } from "./entry.ts";
import type { Fill } from "./fill.ts";

/** A stored entry that may still be served if the origin fails (stale-if-error). */
export interface Stale {
  stored: Response;
  meta: Readonly<EntryMeta>;
  freshness: Freshness;
}

/**
 * A stored entry as the client gets it. The hot path: one copy of the stored headers (the Response's own),
 * edited in place.
 */
export function serveEntry(
  stored: Response,
  meta: Readonly<EntryMeta>,
  head: boolean,
  status: string,
  age: number,
  prepared?: string,
): Response {
  const nullBody = head || NULL_BODY.has(stored.status);
  if (nullBody) stored.body?.cancel();
  const res = new Response(nullBody ? null : stored.body, stored);
  restoreServedHeaders(res.headers, meta, status, age);
  // Filled with the current security headers: the security-headers middleware has nothing left to do.
  if (prepared && meta.prepared === prepared) markPrepared(res);
  return res;
}

export function serveStale(name: string, stale: Stale, head: boolean, fwdStatus?: number): Response {
  const { ttl, age } = stale.freshness;
  const status = cacheStatus(name, { fwd: "stale", fwdStatus, ttl, detail: "stale-if-error" });
  return serveEntry(stale.stored, stale.meta, head, status, age);
}

export interface AnswerContext {
  /** RFC 9211 cache name. */
  name: string;
  head: boolean;
  fwd: Forward;
  /** A stale copy to fall back on when the origin fails (stale-if-error). */
  stale?: Stale;
  /** The fill was another request's (collapsed). */
  collapsed?: boolean;
}

/** The client's answer from a fill's outcome (its own or a collapsed one). */
export function answerFill(fill: Fill, a: AnswerContext): Response {
  const { name, head, fwd, stale } = a;
  const collapsed = a.collapsed ?? false;
  switch (fill.kind) {
    case "failed": {
      if (stale) return serveStale(name, stale, head);
      const res = fill.error.toResponse();
      res.headers.set("cache-status", cacheStatus(name, { fwd, detail: `origin-${fill.error.status}` }));
      return res;
    }
    case "unstored": {
      const status = fill.response.status;
      if (stale && status >= 500) {
        fill.response.body?.cancel();
        return serveStale(name, stale, head, status);
      }
      const out = mutableCopy(fill.response);
      out.headers.set("cache-status", cacheStatus(name, { fwd, fwdStatus: status, detail: fill.detail }));
      if (head) out.body?.cancel();
      return head ? new Response(null, out) : out;
    }
    case "error-page": {
      if (stale) return serveStale(name, stale, head, fill.status);
      const headers = new Headers(fill.headers);
      headers.set("cache-status", cacheStatus(name, { fwd, fwdStatus: fill.status, collapsed }));
      return new Response(head ? null : fill.body, { status: fill.status, headers });
    }
    case "stored": {
      if (head && fill.body instanceof ReadableStream) fill.body.cancel();
      const status = cacheStatus(name, { fwd, fwdStatus: fill.status, stored: true, collapsed });
      const headers = servedHeaders(fill.headers, fill.meta, status, 0);
      return new Response(head ? null : fill.body, { status: fill.status, headers });
    }
  }
}
