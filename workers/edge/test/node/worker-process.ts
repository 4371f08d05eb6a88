// The deployable bundle (wrangler deploy --dry-run) running in workerd via Miniflare on 127.0.0.1, for
// Node-side tests that need real HTTP responses from the worker (the Observatory grade).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Bundles the worker exactly as `wrangler deploy` would, into a temporary directory. */
export function bundleWorker(): string {
  const out = mkdtempSync(join(tmpdir(), "edge-worker-"));
  try {
    execFileSync(
      join(root, "node_modules/.bin/wrangler"),
      ["deploy", "--dry-run", "--outdir", out, "--env", ""],
      {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    return readFileSync(join(out, "index.js"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function startWorker(script: string, originUrl: string): Promise<Miniflare> {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        config: {
          name: "edge",
          compatibilityDate: "2026-08-22",
          manifest: { mainModule: "index.js", modules: { "index.js": { type: "esm", contents: script } } },
          env: {
            ORIGIN_URL: { type: "text", value: originUrl },
            ENVIRONMENT: { type: "text", value: "production" },
          },
        },
      },
    ],
  });
  await mf.ready;
  return mf;
}
