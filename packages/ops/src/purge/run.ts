import { setTimeout as delay } from "node:timers/promises";
import type { Platform } from "@edge/platform";
import { PURGE_LIMITS, TokenBucket } from "./limits.ts";
import {
  type CloudflareBody,
  describeBody,
  type PurgeSelection,
  planPurge,
  type WorkerBody,
} from "./request.ts";
import { postJson, type RetryOptions, type SendResult } from "./send.ts";

export const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

export interface PurgeOptions {
  platform: Platform;
  selection: PurgeSelection;
  /** Cloudflare's API; `null` skips it (local edge only — the report says so). */
  cloudflare: { apiToken: string; zoneId: string; apiBase?: string } | null;
  /** The edge worker; `null` skips it. `url` is its base, e.g. https://example.com. */
  worker: { url: string; token: string } | null;
  retry?: RetryOptions;
  /** Progress lines. @default none */
  log?: (line: string) => void;
}

export interface PurgeCall {
  target: "cloudflare" | "worker";
  what: string;
  body: CloudflareBody | WorkerBody;
  result: SendResult;
}

export interface PurgeReport {
  ok: boolean;
  calls: PurgeCall[];
  /** Calls that succeeded: only these were purged. */
  purged: PurgeCall[];
  failed: PurgeCall[];
  skipped: string[];
}

interface CloudflareAnswer {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { id?: string } | null;
}

const cfSuccess = (status: number, body: unknown) =>
  status === 200 && typeof body === "object" && body !== null && (body as CloudflareAnswer).success === true;

function cfError(status: number, body: unknown): string {
  const errors = (body as CloudflareAnswer | null)?.errors ?? [];
  const text = errors.map((e) => `${e.code ?? "?"} ${e.message ?? ""}`.trim()).join("; ");
  return `HTTP ${status}${text ? `: ${text}` : ""}`;
}

const workerSuccess = (status: number, body: unknown) =>
  status === 200 && typeof body === "object" && body !== null && "purged" in body;

const workerError = (status: number, body: unknown) =>
  `HTTP ${status}: ${typeof body === "string" ? body.trim().slice(0, 200) : JSON.stringify(body).slice(0, 200)}`;

/**
 * Purges the zone's cache through Cloudflare's API and the edge worker's Cache API entries through its purge
 * endpoint. Every call is retried on 429/5xx; the report lists what each target confirmed, and `ok` is true only
 * when every call of every target succeeded.
 */
export async function runPurge(options: PurgeOptions): Promise<PurgeReport> {
  const { platform } = options;
  const limits = PURGE_LIMITS[platform.cloudflare.plan];
  const plan = planPurge(platform, options.selection, limits);
  const log = options.log ?? (() => {});
  const calls: PurgeCall[] = [];
  const skipped: string[] = [];

  if (options.cloudflare) {
    const { apiToken, zoneId } = options.cloudflare;
    const base = (options.cloudflare.apiBase ?? CLOUDFLARE_API).replace(/\/$/, "");
    const url = `${base}/zones/${encodeURIComponent(zoneId)}/purge_cache`;
    const bucket = new TokenBucket(
      limits.requestsPerSecond,
      limits.bucketSize,
      options.retry?.sleep ?? delay,
    );
    for (const body of plan.cloudflare) {
      await bucket.take();
      const what = describeBody(body);
      const result = await postJson(
        url,
        { Authorization: `Bearer ${apiToken}` },
        body,
        cfSuccess,
        cfError,
        options.retry,
      );
      calls.push({ target: "cloudflare", what, body, result });
      log(
        `cloudflare ${result.ok ? "purged" : "FAILED"}  ${what}${result.error ? ` — ${result.error}` : ""}`,
      );
    }
  } else skipped.push("cloudflare (no API token/zone: local edge only)");

  if (options.worker) {
    const url = `${options.worker.url.replace(/\/$/, "")}${platform.edge.purgePath}`;
    for (const body of plan.worker) {
      const what = describeBody(body);
      const headers = { Authorization: `Bearer ${options.worker.token}` };
      const result = await postJson(url, headers, body, workerSuccess, workerError, options.retry);
      calls.push({ target: "worker", what, body, result });
      log(
        `worker     ${result.ok ? "purged" : "FAILED"}  ${what}${result.error ? ` — ${result.error}` : ""}`,
      );
    }
  } else skipped.push("worker");

  const purged = calls.filter((c) => c.result.ok);
  const failed = calls.filter((c) => !c.result.ok);
  return { ok: failed.length === 0 && calls.length > 0, calls, purged, failed, skipped };
}
