// Compiles the platform model into the plain policy object the worker bundles (no zod at runtime).
// Runs before every build (wrangler `build.command`), test run (vitest.config.ts) and typecheck.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Platform, resolveAll } from "@edge/platform";
import type { WorkerPolicy } from "../src/policy.ts";

export function compilePolicy(): string {
  const out = join(
    dirname(fileURLToPath(import.meta.url)),
    "..",
    "src",
    "generated",
    "policy.generated.json",
  );
  const policies = Object.fromEntries(
    Object.entries(resolveAll()).map(([env, p]) => [env, workerPolicyOf(p)]),
  );
  const text = `${JSON.stringify(policies, null, 2)}\n`;
  mkdirSync(dirname(out), { recursive: true });
  let previous = "";
  try {
    previous = readFileSync(out, "utf8");
  } catch {}
  if (previous !== text) writeFileSync(out, text); // unchanged bytes keep watchers quiet
  return out;
}

/** The slice of one environment's model the worker bundles (`WorkerPolicy` in src/policy.ts). */
export function workerPolicyOf(p: Platform): WorkerPolicy {
  return {
    environment: p.environment,
    zone: p.zone,
    origin: p.origin,
    cacheKey: p.cacheKey,
    routeClasses: p.routeClasses,
    securityHeaders: p.securityHeaders,
    compression: p.compression,
    images: p.images,
    edge: p.edge,
    // Header and binding NAMES only: the secret's value is a wrangler secret, never in the model or bundle.
    originAuth: p.originAuth,
    maxBodyBytes: p.waf.maxBodyBytes,
    cdnMetrics: { namespace: p.slo.cdn.namespace, dataset: p.slo.cdn.dataset, region: p.aws.region },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) compilePolicy();
