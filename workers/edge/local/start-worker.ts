// Start the edge worker in workerd (wrangler's dev server) on 127.0.0.1: `@edge/worker/local`, used by the local
// edge and the cross-layer tests. Tooling only: outside src/, so it never reaches the worker bundle.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Platform } from "@edge/platform";
import { runToCompletion } from "@edge/tooling";
import { workerPolicyOf } from "../scripts/compile-policy.ts";

const WORKER_DIR = resolve(new URL("..", import.meta.url).pathname);

export interface EdgeWorkerOptions {
  /** Model environment (wrangler env); production is wrangler's top level. */
  environment: string;
  /** What the worker fetches from. */
  originUrl: string;
  /** @default a free port on 127.0.0.1 */
  port?: number;
  /** Secret bindings, e.g. PURGE_TOKEN. @default none */
  secrets?: Record<string, string>;
  /**
   * A resolved model to serve instead of the compiled one of `environment` (tests: the model with overrides,
   * e.g. a route class the product does not have). The app is built from it by a temporary entry module, so
   * the shared `src/generated/policy.generated.json` is never rewritten. @default the compiled model
   */
  platform?: Platform;
}

export interface EdgeWorker {
  url: string;
  dispose(): Promise<void>;
}

/**
 * Starts the real edge worker (wrangler's dev server, workerd) on 127.0.0.1: compiles the policy from the model,
 * builds the bundle and starts it with `ORIGIN_URL` bound. Offline: no `Request.cf` download, no persistence.
 */
export async function startEdgeWorker(options: EdgeWorkerOptions): Promise<EdgeWorker> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  const compiled = await runToCompletion(process.execPath, [join(WORKER_DIR, "scripts/compile-policy.ts")]);
  if (compiled.code !== 0) throw new Error(`compiling the worker policy failed:\n${compiled.stderr.trim()}`);
  const entry = options.platform ? policyEntry(options.platform) : undefined;
  const { unstable_startWorker } = await import("wrangler");
  // wrangler runs the config's custom build command in the current directory.
  const cwd = process.cwd();
  process.chdir(WORKER_DIR);
  try {
    const worker = await unstable_startWorker({
      config: join(WORKER_DIR, "wrangler.jsonc"),
      ...(entry && { entrypoint: entry.path }),
      ...(options.environment === "production" ? {} : { env: options.environment }),
      bindings: {
        ORIGIN_URL: { type: "plain_text", value: options.originUrl },
        ...Object.fromEntries(
          Object.entries(options.secrets ?? {}).map(([name, value]) => [
            name,
            { type: "secret_text", value },
          ]),
        ),
      },
      dev: {
        server: { hostname: "127.0.0.1", port: options.port ?? 0 },
        inspector: false,
        logLevel: "warn",
        // Each run starts with an empty cache, so what you see is what this run did.
        persist: false,
      },
    });
    const url = (await worker.url).href.replace(/\/$/, "");
    return {
      url,
      dispose: async () => {
        await worker.dispose();
        entry?.remove();
      },
    };
  } catch (error) {
    entry?.remove();
    throw error;
  } finally {
    process.chdir(cwd);
  }
}

/** A temporary entry module serving `platform` through the worker's own app (src/app.ts), as src/index.ts does. */
function policyEntry(platform: Platform): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "edge-worker-model-"));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(workerPolicyOf(platform)));
  const app = JSON.stringify(join(WORKER_DIR, "src/app.ts"));
  writeFileSync(
    join(dir, "entry.ts"),
    [
      `import { createEdgeApp } from ${app};`,
      `import policy from "./policy.json";`,
      "const app = createEdgeApp(policy as never);",
      "export default { fetch: (request: Request, env: never, ctx: never) => app.fetch(request, env, ctx) };",
      "",
    ].join("\n"),
  );
  return { path: join(dir, "entry.ts"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
