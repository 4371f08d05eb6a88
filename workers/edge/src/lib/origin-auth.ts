import { ORIGIN_AUTH_VALUE } from "@edge/platform/origin-auth";
import type { Env } from "../env.ts";
import type { WorkerPolicy } from "../policy.ts";

/**
 * The secret-header half of the origin lockdown (stacks/README.md "Origin lockdown"): every origin request carries
 * `originAuth.headerName` with the value of the secret binding `originAuth.workerSecretBinding`, and the ALB and
 * NGINX forward only requests with an accepted value, so another Cloudflare customer's zone cannot reach the
 * origin. The client never chooses the header (every copy it sends, in any case, is dropped) and never learns it
 * (origin responses lose a header of that name; the value is never logged, cached or put in an error message).
 */
export interface OriginAuth {
  /** Lower-case header name: Headers iterate lower-case names, so this is what forwarding compares against. */
  header: string;
  /** The header value for a request's bindings; undefined when the binding is absent or unusable. */
  valueFor: (env: Env) => string | undefined;
}

/** Visible ASCII only: anything else (spaces, a pasted newline, control bytes) is not a header value fetch sends as-is. */
const SENDABLE = /^[\x21-\x7e]+$/;

const NOT_READ = Symbol("not read");

/**
 * Reads the secret by the model's binding name (not a fixed `env` property), checked once per distinct value.
 * Warnings name the binding and the header, never the value, and come once per isolate per kind:
 * - absent or empty: no header is sent (local runs without lockdown); with lockdown on, the origin answers 403,
 *   so the warning is what explains it in `wrangler tail`.
 * - not sendable as a header value: no header is sent (a fetch with it would fail every origin request).
 * - sendable but not 64 lowercase hex: sent (the origin decides), with a warning about the contract.
 */
export function originAuthFor(
  policy: Pick<WorkerPolicy, "originAuth">,
  warn: (message: string) => void = console.warn,
): OriginAuth {
  const { headerName, workerSecretBinding: binding } = policy.originAuth;
  const warned = new Set<string>();
  const warnOnce = (kind: string, message: string) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    warn(`origin-auth: ${message}`);
  };
  let lastRaw: unknown = NOT_READ;
  let lastValue: string | undefined;
  const check = (raw: unknown): string | undefined => {
    if (typeof raw !== "string" || raw === "") {
      warnOnce(
        "absent",
        `secret binding ${binding} is not set: origin requests carry no ${headerName} header`,
      );
      return undefined;
    }
    if (!SENDABLE.test(raw)) {
      warnOnce(
        "unsendable",
        `secret binding ${binding} is not a valid header value (whitespace or control characters): origin requests carry no ${headerName} header`,
      );
      return undefined;
    }
    if (!ORIGIN_AUTH_VALUE.test(raw))
      warnOnce(
        "shape",
        `secret binding ${binding} is not 64 lowercase hex characters (openssl rand -hex 32); sent as is`,
      );
    return raw;
  };
  return {
    header: headerName.toLowerCase(),
    valueFor: (env) => {
      const raw = (env as unknown as Record<string, unknown>)[binding];
      if (raw !== lastRaw) {
        lastRaw = raw;
        lastValue = check(raw);
      }
      return lastValue;
    },
  };
}
