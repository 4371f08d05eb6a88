// pnpm --filter @edge/worker bench:conditional — bytes saved by conditional requests on a revalidation-heavy
// trace: CLIENTS clients each fetch an api, an html and a static path once, then revalidate each ROUNDS times
// with the validators they got (If-None-Match / If-Modified-Since). Same run, same worker, baseline = the
// same trace without validators. Bytes on the wire ≈ status line + header lines + body, per response; bodies
// are asked with Accept-Encoding: identity, because Node's fetch decodes br/gzip and would hide the wire size
// (with compression the bodies shrink, so the share saved is smaller than printed here).
// Prints the ratio; asserts nothing (no timing is measured).

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { startOrigin } from "../test/node/origin-server.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PATHS = [
  { path: "/api/products", fixture: undefined, type: "application/json" },
  { path: "/docs/backbone.html", fixture: "html/backbonejs-docs.html", type: "text/html; charset=utf-8" },
  { path: "/assets/app.3f2a1b9c.css", fixture: "html/bootstrap-3-css-docs.html", type: "text/css" },
];

function wireBytes(res: Response, body: ArrayBuffer): number {
  let bytes = `HTTP/1.1 ${res.status} ${res.statusText}\r\n`.length + 2;
  for (const [name, value] of res.headers) bytes += name.length + value.length + 4;
  return bytes + body.byteLength;
}

async function main(): Promise<void> {
  execFileSync(
    join(root, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", "dist", "--env", ""],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const script = readFileSync(join(root, "dist/index.js"), "utf8");
  const origin = await startOrigin();
  for (const { path, fixture, type } of PATHS) {
    await fetch(`${origin.url}/__origin/routes`, {
      method: "POST",
      body: JSON.stringify({
        path,
        ...(fixture && { fixture }),
        headers: { "Content-Type": type, "Last-Modified": "Sun, 01 Nov 2026 00:00:00 GMT" },
      }),
    });
  }
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        config: {
          name: "conditional-bench",
          compatibilityDate: "2026-08-22",
          manifest: { mainModule: "index.js", modules: { "index.js": { type: "esm", contents: script } } },
          env: {
            ORIGIN_URL: { type: "text", value: origin.url },
            ENVIRONMENT: { type: "text", value: "production" },
            // As deployed: origin requests carry the origin-auth header (a fresh value per run).
            ORIGIN_AUTH_SECRET: { type: "text", value: randomBytes(32).toString("hex") },
          },
        },
      },
    ],
  });
  const base = await mf.ready;
  try {
    const totals = { conditional: 0, unconditional: 0, notModified: 0, revalidations: 0 };
    for (let client = 0; client < CLIENTS; client++) {
      for (const { path } of PATHS) {
        const url = new URL(path, base).href;
        const first = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
        const firstBytes = wireBytes(first, await first.arrayBuffer());
        totals.conditional += firstBytes;
        totals.unconditional += firstBytes;
        const validators: Record<string, string> = {};
        const etag = first.headers.get("ETag");
        const lastModified = first.headers.get("Last-Modified");
        if (etag) validators["If-None-Match"] = etag;
        else if (lastModified) validators["If-Modified-Since"] = lastModified;
        for (let round = 0; round < ROUNDS; round++) {
          const plain = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
          totals.unconditional += wireBytes(plain, await plain.arrayBuffer());
          const revalidated = await fetch(url, { headers: { "Accept-Encoding": "identity", ...validators } });
          totals.conditional += wireBytes(revalidated, await revalidated.arrayBuffer());
          totals.revalidations++;
          if (revalidated.status === 304) totals.notModified++;
        }
      }
    }
    const ratio = totals.conditional / totals.unconditional;
    console.log(
      `conditional requests: ${CLIENTS} clients × ${PATHS.length} paths × (1 fetch + ${ROUNDS} revalidations)`,
    );
    console.log(`  304s: ${totals.notModified}/${totals.revalidations} revalidations`);
    console.log(`  bytes with validators: ${totals.conditional}, without: ${totals.unconditional}`);
    console.log(
      `  ratio with/without: ${ratio.toFixed(3)} → ${((1 - ratio) * 100).toFixed(1)}% of bytes saved`,
    );
  } finally {
    await mf.dispose();
    await origin.close();
  }
}

await main();
