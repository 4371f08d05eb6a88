import type { Env } from "../env.ts";
import type { WorkerPolicy } from "../policy.ts";
import { originAuthFor } from "./origin-auth.ts";
import { HOP_BY_HOP, plainResponse } from "./respond.ts";

/** Why an origin fetch produced no usable response; `status` is what the client gets (502, 504 or 413). */
export class OriginError extends Error {
  readonly status: number;
  constructor(status: number, reason: string) {
    super(reason);
    this.name = "OriginError";
    this.status = status;
  }
  /** The clean answer for the client: a short reason, no stack trace. */
  toResponse(): Response {
    return plainResponse(this.status, this.message);
  }
}

/**
 * Request headers a client may use to make an origin build a different response without changing the cache key
 * (the classic unkeyed-header poisoning vectors). Dropped on every request; X-Forwarded-Host/Proto are re-set
 * from the real URL.
 */
const UNTRUSTED = [
  "forwarded",
  "x-forwarded-host",
  "x-forwarded-scheme",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-prefix",
  "x-forwarded-server",
  "x-forwarded-ssl",
  "x-forwarded-for",
  "x-original-url",
  "x-original-host",
  "x-rewrite-url",
  "x-host",
  "x-http-method-override",
  "x-http-method",
  "x-method-override",
  "x-real-ip",
];

/** The only request headers a cache fill forwards: fills are anonymous, and these are keyed through Vary. */
export const FILL_FORWARDED = ["accept", "accept-language"] as const;

/** How the worker reaches the origin: one per app, handed to each middleware that fetches from it. */
export interface Origin {
  /**
   * Where a request's bindings send origin requests and the auth header they carry: the one place fills, image
   * source fetches, pass-through and websocket upgrades get both from, so no caller can forget the header.
   */
  target: (env: Env) => OriginTarget;
  /** Aborts the whole exchange (headers and, for buffered fills, the body) after this many ms. */
  timeoutMs: number;
  /** Refuses request bodies past this size with 413 (counted while streaming when there is no Content-Length). */
  maxBodyBytes: number;
  /** The fetch that reaches the origin; isolated middleware tests stub it. @default globalThis.fetch */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>;
}

/** The origin of one request's bindings. */
export interface OriginTarget {
  /** Origin base URL (no trailing slash). */
  base: string;
  /** Lower-case name of the origin-auth header (`originAuth.headerName`): every client copy is dropped. */
  authHeader: string;
  /** The header's value (the secret binding); undefined → the request carries no such header. */
  authValue: string | undefined;
}

/**
 * The origin of one environment's app: `ORIGIN_URL` or the model's `origin.url`, the origin-auth header from the
 * model's `originAuth` and its secret binding, the model's limits.
 */
export function originFor(policy: WorkerPolicy): Origin {
  const auth = originAuthFor(policy);
  let lastUrl: string | undefined;
  let last: OriginTarget | undefined;
  return {
    target: (env) => {
      const authValue = auth.valueFor(env);
      if (!last || env.ORIGIN_URL !== lastUrl || authValue !== last.authValue) {
        lastUrl = env.ORIGIN_URL;
        last = { base: originBaseFor(env, policy), authHeader: auth.header, authValue };
      }
      return last;
    },
    timeoutMs: policy.edge.originTimeoutMs,
    maxBodyBytes: policy.maxBodyBytes,
  };
}

/** A fetch deadline: `clear()` once the part of the exchange it bounds is complete. */
export interface Deadline {
  signal: AbortSignal;
  expired: () => boolean;
  clear: () => void;
}

export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new Error("origin timeout"));
  }, ms);
  return { signal: controller.signal, expired: () => fired, clear: () => clearTimeout(timer) };
}

/** The origin base URL: `ORIGIN_URL` (var, per environment or `--var`), else the model's `origin.url`. */
export function originBaseFor(env: Env, policy: WorkerPolicy): string {
  const raw = env.ORIGIN_URL || policy.origin.url;
  return raw.endsWith("/") ? raw.slice(0, -1) : raw;
}

function forwardedHeaders(
  url: URL,
  from: Headers | undefined,
  keepUpgrade: boolean,
  target: OriginTarget,
): Headers {
  const headers = new Headers();
  if (from) {
    for (const [name, value] of from) {
      if (UNTRUSTED.includes(name) || name === target.authHeader) continue;
      if (HOP_BY_HOP.includes(name) && !(keepUpgrade && (name === "upgrade" || name === "connection")))
        continue;
      headers.append(name, value);
    }
    const client = from.get("cf-connecting-ip");
    if (client) headers.set("X-Forwarded-For", client);
  }
  headers.set("X-Forwarded-Host", url.host);
  headers.set("X-Forwarded-Proto", url.protocol.slice(0, -1));
  // Last, so no forwarded header can take its place; without a value the client's copy is still gone.
  if (target.authValue !== undefined) headers.set(target.authHeader, target.authValue);
  return headers;
}

/** Fill request (cache fills, image sources): GET of the normalized URL with only the keyed request headers. */
export function fillRequest(target: OriginTarget, key: URL, request: Request): Request {
  const headers = forwardedHeaders(key, undefined, false, target);
  for (const name of FILL_FORWARDED) {
    if (name === target.authHeader) continue;
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Request(target.base + key.pathname + key.search, { method: "GET", headers, redirect: "manual" });
}

/**
 * Pass-through request (proxy, bypassed requests, websocket upgrades): the client's method, headers (minus
 * hop-by-hop and untrusted ones, and the client's copy of the origin-auth header) and body.
 * A body without Content-Length (chunked) is read up to `maxBodyBytes` first and refused with 413 past it:
 * erroring a streamed upload midway would reach the origin as a complete, truncated body.
 */
export async function passRequest(
  target: OriginTarget,
  request: Request,
  opts: Pick<Origin, "maxBodyBytes">,
): Promise<Request | OriginError> {
  const url = new URL(request.url);
  const upgrade = request.headers.get("upgrade")?.toLowerCase() === "websocket";
  const headers = forwardedHeaders(url, request.headers, upgrade, target);
  let body: ReadableStream | ArrayBuffer | null = request.body;
  if (request.body && !request.headers.has("content-length")) {
    const read = await readBounded(request.body, opts.maxBodyBytes);
    if (read instanceof OriginError) return read;
    body = read;
  }
  return new Request(target.base + url.pathname + url.search, {
    method: request.method,
    headers,
    body,
    redirect: "manual",
  });
}

async function readBounded(
  stream: ReadableStream<Uint8Array>,
  max: number,
): Promise<ArrayBuffer | OriginError> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return new OriginError(413, "request body too large");
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

/**
 * Fetches from the origin within `timeoutMs` until the response headers arrive. Never throws: failures come
 * back as a typed {@link OriginError} (504 on timeout, 502 otherwise), so callers branch with `instanceof`.
 * With `keep`, the caller's deadline also bounds what it reads afterwards (the body of a buffered fill).
 */
export async function fetchOrigin(
  request: Request,
  origin: Pick<Origin, "timeoutMs" | "fetch">,
  keep?: Deadline,
): Promise<Response | OriginError> {
  const limit = keep ?? deadline(origin.timeoutMs);
  try {
    return await (origin.fetch ?? fetch)(request, { signal: limit.signal });
  } catch (err) {
    return originError(err, limit);
  } finally {
    if (!keep) limit.clear();
  }
}

/** A pass-through exchange (proxy, bypassed requests): the client's request to the origin, errors typed. */
export async function passToOrigin(
  env: Env,
  request: Request,
  origin: Origin,
): Promise<Response | OriginError> {
  const forwarded = await passRequest(origin.target(env), request, origin);
  return forwarded instanceof OriginError ? forwarded : fetchOrigin(forwarded, origin);
}

/** Maps a fetch or body-read failure to the answer the client gets. */
export function originError(err: unknown, limit: Deadline): OriginError {
  if (err instanceof OriginError) return err;
  if (limit.expired()) return new OriginError(504, "origin timeout");
  return new OriginError(502, "origin unreachable");
}
