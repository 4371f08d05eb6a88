import { setTimeout as delay } from "node:timers/promises";

export interface RetryOptions {
  /** Attempts per call, the first included. @default 5 */
  attempts?: number;
  /** First backoff; doubles per attempt (with jitter), capped by `maxDelayMs`. @default 1000 */
  baseDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included. @default 60000 */
  maxDelayMs?: number;
  /** Per-attempt timeout. @default 30000 */
  timeoutMs?: number;
  /** Injected for tests. @default node:timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** The outcome of one call after its retries: never "ok" unless the last answer said so. */
export interface SendResult {
  ok: boolean;
  status: number | "network";
  attempts: number;
  /** Parsed JSON answer (or the text), for the report. */
  body: unknown;
  /** Why it failed, in one line. */
  error?: string;
}

const retryable = (status: number) => status === 429 || status >= 500;

/** Seconds or an HTTP date, as in RFC 9110 §10.2.3; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * POSTs JSON and retries 429, 5xx and network errors with exponential backoff (honouring `Retry-After`), then
 * gives up and says why. `isSuccess` decides on the parsed body too (Cloudflare's `success: false`).
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  isSuccess: (status: number, parsed: unknown) => boolean,
  describeError: (status: number, parsed: unknown) => string,
  options: RetryOptions = {},
): Promise<SendResult> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let last: SendResult = { ok: false, status: "network", attempts: 0, body: null, error: "not sent" };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait: number | undefined;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      if (isSuccess(res.status, parsed))
        return { ok: true, status: res.status, attempts: attempt, body: parsed };
      last = {
        ok: false,
        status: res.status,
        attempts: attempt,
        body: parsed,
        error: describeError(res.status, parsed),
      };
      if (!retryable(res.status)) return last;
      wait = retryAfterMs(res.headers.get("retry-after"));
    } catch (error) {
      last = { ok: false, status: "network", attempts: attempt, body: null, error: (error as Error).message };
    }
    if (attempt < attempts) {
      const backoff = base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      await sleep(Math.min(cap, wait ?? backoff));
    }
  }
  return { ...last, error: `${last.error} (gave up after ${last.attempts} attempts)` };
}
