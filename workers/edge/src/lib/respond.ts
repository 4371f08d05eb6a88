/** A short plain-text answer for refusals and origin failures: no stack traces, no HTML, never cached. */
export function plainResponse(status: number, reason: string, headers?: Record<string, string>): Response {
  return new Response(`${reason}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** Headers that describe one connection, not the message: never forwarded either way (RFC 9110 §7.6.1). */
export const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

/** Runs work after the response without holding it; `app.request()` in unit tests has no execution context. */
export function waitUntil(
  c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } },
  work: Promise<unknown>,
): void {
  const guarded = work.catch(() => {});
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (plain app.request()): the promise still runs, nobody waits for it.
  }
}

/**
 * A copy of `res` whose headers can be edited. Responses from fetch, the Cache API and the Images binding are
 * immutable; a WebSocket upgrade (101) cannot be rebuilt from its body.
 */
export function mutableCopy(res: Response): Response {
  if (res.webSocket) {
    return new Response(null, { status: 101, webSocket: res.webSocket, headers: new Headers(res.headers) });
  }
  return new Response(res.body, res);
}
