import type { MiddlewareHandler } from "hono";
import { plainResponse } from "../../lib/respond.ts";
import type { EdgeEnv } from "../../types.ts";

export interface RequestGuardOptions {
  /** Largest request body in bytes (the model's `waf.maxBodyBytes`); larger declared bodies get 413. */
  maxBodyBytes: number;
  /** Methods served; others get 405. @default GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS */
  methods?: readonly string[];
  /** Longest URL accepted, in characters; longer ones get 414. @default 8192 */
  maxUrlLength?: number;
}

const DEFAULT_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const DEFAULT_MAX_URL = 8192;
/** A `%` not followed by two hex digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
/** Encoded dot segments, NUL, or encoded slashes/backslashes used to slip past path rules. */
const SMUGGLING = /%2e%2e|%00|%2f|%5c/i;

/**
 * Refuses requests the worker must not forward, each with a 4xx and a short reason (never a 5xx, never a stack
 * trace): unknown methods (405), oversized or malformed bodies (413, 400), overlong URLs (414) and malformed or
 * smuggling paths (400).
 */
export function requestGuard(options: RequestGuardOptions): MiddlewareHandler<EdgeEnv> {
  const methods = new Set(options.methods ?? DEFAULT_METHODS);
  const allow = [...methods].join(", ");
  const maxUrl = options.maxUrlLength ?? DEFAULT_MAX_URL;
  const maxBody = options.maxBodyBytes;

  return async function requestGuardHandler(c, next) {
    const req = c.req.raw;
    if (!methods.has(req.method)) return plainResponse(405, "method not allowed", { Allow: allow });
    const url = req.url;
    if (url.length > maxUrl) return plainResponse(414, "URL too long");
    const pathStart = url.indexOf("/", url.indexOf("//") + 2);
    const queryStart = url.indexOf("?", pathStart);
    const path = queryStart === -1 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
    if (path.includes("%")) {
      if (BAD_ESCAPE.test(path)) return plainResponse(400, "malformed URL: bad percent-encoding");
      if (SMUGGLING.test(path)) return plainResponse(400, "malformed URL: encoded dot segment, slash or NUL");
      try {
        decodeURIComponent(path);
      } catch {
        return plainResponse(400, "malformed URL: invalid UTF-8");
      }
    }
    if (queryStart !== -1 && BAD_ESCAPE.test(url.slice(queryStart)))
      return plainResponse(400, "malformed URL: bad percent-encoding in query");
    const length = req.headers.get("content-length");
    if (length !== null) {
      if (!/^\d{1,15}$/.test(length)) return plainResponse(400, "malformed Content-Length");
      if (Number(length) > maxBody) return plainResponse(413, "request body too large");
    }
    await next();
  };
}
