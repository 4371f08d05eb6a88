// pnpm bench: the edge worker's cached-API hot path against two baselines, in one run on this machine.
//   (a) our worker (the deployable bundle) on a cached API hit
//   (b) a minimal worker that only does caches.default.match and returns
//   (c) Hono's hono/cache middleware on the same route
// Each runs in workerd via Miniflare on 127.0.0.1; autocannon loads it from a separate process, bounded in
// time. Also: origin fetches for 100 concurrent cold requests, and the gzipped bundle size.

import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { resolvePlatform } from "@edge/platform";
import { securityHeadersFor } from "@edge/platform/headers";
import { Miniflare } from "miniflare";
import { startOrigin } from "../test/node/origin-server.ts";
import { benchHtmlMinify } from "./html-minify.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS_PER_ROUND = Number(process.env.BENCH_SECONDS ?? 1);
/** Interleaved a, b, c, a, b, c, ...: the machine is shared and noisy, so each case is sampled across the run. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const COMPAT_DATE = "2026-08-22";
const ROUTE = "/api/bench/products?page=1";

const MINIMAL_WORKER = `export default {
  async fetch(request, env, ctx) {
    const hit = await caches.default.match(request.url);
    if (hit) return hit;
    const url = new URL(request.url);
    const res = await fetch(env.ORIGIN_URL + url.pathname + url.search);
    const copy = new Response(res.body, res);
    ctx.waitUntil(caches.default.put(request.url, copy.clone()));
    return copy;
  },
};`;

/**
 * Control (d): the minimal worker, but its entries carry the same extra response headers as ours (the model's
 * security headers, Cache-Status, Age). a/d separates the cost of those mandatory header bytes from ours.
 */
function minimalWithHeaders(): string {
  const extra = {
    ...securityHeadersFor(resolvePlatform("production").securityHeaders, "api"),
    "Cache-Status": "shop-edge; hit; ttl=600",
    Age: "0",
  };
  return MINIMAL_WORKER.replace(
    "const copy = new Response(res.body, res);",
    `const copy = new Response(res.body, res); for (const [k, v] of Object.entries(${JSON.stringify(extra)})) copy.headers.set(k, v);`,
  );
}

function wrangler(args: string[]): void {
  execFileSync(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function build(): { ours: string; hono: string; minify: string; gzipBytes: number; rawBytes: number } {
  wrangler(["deploy", "--dry-run", "--outdir", "dist", "--env", ""]);
  wrangler([
    "deploy",
    "--dry-run",
    "--outdir",
    "../../dist/bench-hono",
    "-c",
    "bench/workers/wrangler.hono-cache.jsonc",
  ]);
  wrangler([
    "deploy",
    "--dry-run",
    "--outdir",
    "../../dist/bench-html-minify",
    "-c",
    "bench/workers/wrangler.html-minify.jsonc",
  ]);
  const ours = readFileSync(join(root, "dist/index.js"), "utf8");
  return {
    minify: readFileSync(join(root, "dist/bench-html-minify/html-minify.js"), "utf8"),
    ours,
    hono: readFileSync(join(root, "dist/bench-hono/hono-cache.js"), "utf8"),
    rawBytes: Buffer.byteLength(ours),
    gzipBytes: gzipSync(ours, { level: 9 }).byteLength,
  };
}

async function startWorker(name: string, script: string, originUrl: string, flags: string[] = []) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        config: {
          name,
          compatibilityDate: COMPAT_DATE,
          compatibilityFlags: flags,
          manifest: { mainModule: "index.js", modules: { "index.js": { type: "esm", contents: script } } },
          env: {
            ORIGIN_URL: { type: "text", value: originUrl },
            ENVIRONMENT: { type: "text", value: "production" },
            // As deployed: origin requests carry the origin-auth header (a fresh value per run).
            ORIGIN_AUTH_SECRET: { type: "text", value: randomBytes(32).toString("hex") },
          },
        },
      },
    ],
  });
  const url = new URL(ROUTE, await mf.ready).href;
  return { mf, url };
}

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process, bounded by time. */
function load(url: string, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, "node_modules/autocannon/autocannon.js"),
        "-j",
        "-c",
        String(CONNECTIONS),
        "-d",
        String(seconds),
        url,
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", () => {
      try {
        const r = JSON.parse(out);
        resolve({
          requestsPerSecond: r.requests.average,
          p99Ms: r.latency.p99,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
        });
      } catch (err) {
        reject(err);
      }
    });
  });
}

async function coldHerd(url: string): Promise<void> {
  const responses = await Promise.all(Array.from({ length: 100 }, () => fetch(url)));
  await Promise.all(responses.map((r) => r.arrayBuffer()));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);

async function main() {
  const bundle = build();
  const origin = await startOrigin();
  const stats = async (path: string) =>
    (await (await fetch(`${origin.url}/__origin/stats?path=${path}`)).json()) as { count: number };
  const cases = {
    "(a) edge worker (ours)": await startWorker("ours", bundle.ours, origin.url),
    "(b) caches.default.match only": await startWorker("minimal", MINIMAL_WORKER, origin.url),
    "(c) hono/cache middleware": await startWorker("hono", bundle.hono, origin.url),
    "(d) = (b) + our header bytes": await startWorker("minimal-headers", minimalWithHeaders(), origin.url),
  };
  try {
    // Warm each cache, and check the hot path really is a hit.
    for (const [name, { url }] of Object.entries(cases)) {
      for (let i = 0; i < 3; i++) await (await fetch(url)).arrayBuffer();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: warm-up answered ${res.status}`);
    }
    const results: Record<string, Load[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, { url }] of Object.entries(cases))
        results[name]!.push(await load(url, SECONDS_PER_ROUND));

    const summary = Object.fromEntries(
      Object.entries(results).map(([name, runs]) => [
        name,
        {
          rps: median(runs.map((r) => r.requestsPerSecond)),
          p99: median(runs.map((r) => r.p99Ms)),
          bad: runs.reduce((s, r) => s + r.non2xx + r.errors, 0),
        },
      ]),
    );
    console.log(
      `\nCached API hit, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds × ${SECONDS_PER_ROUND} s per case (median of rounds):`,
    );
    console.log(`${"case".padEnd(34)}${"req/s".padStart(8)}${"p99 ms".padStart(8)}${"non-2xx".padStart(9)}`);
    for (const [name, s] of Object.entries(summary))
      console.log(`${name.padEnd(34)}${fmt(s.rps)}${fmt(s.p99)}${String(s.bad).padStart(9)}`);
    const [a, b, c, d] = Object.values(summary) as (typeof summary)[string][] as [
      (typeof summary)[string],
      (typeof summary)[string],
      (typeof summary)[string],
      (typeof summary)[string],
    ];
    // Ratios of neighbouring measurements (same round) are less exposed to the machine's drifting load.
    const [ra, rb, rc, rd] = Object.values(results) as [Load[], Load[], Load[], Load[]];
    const perRound = (x: Load[], y: Load[]) =>
      median(x.map((r, i) => r.requestsPerSecond / y[i]!.requestsPerSecond));
    console.log(
      `ratio a/b = ${(a.rps / b.rps).toFixed(2)} of medians, ${perRound(ra, rb).toFixed(2)} median per round (goal ≥ 0.95)`,
    );
    console.log(
      `ratio a/c = ${(a.rps / c.rps).toFixed(2)} of medians, ${perRound(ra, rc).toFixed(2)} median per round (goal ≥ 1.00)`,
    );
    console.log(
      `ratio a/d = ${(a.rps / d.rps).toFixed(2)} of medians, ${perRound(ra, rd).toFixed(2)} median per round (control: same header bytes as ours)`,
    );

    console.log("\n100 concurrent cold requests (origin answers after 200 ms) → origin fetches:");
    for (const [name, { url }] of Object.entries(cases)) {
      const herdPath = `/api/herd-${name[1]}-${Date.now()}`;
      await fetch(`${origin.url}/__origin/routes`, {
        method: "POST",
        body: JSON.stringify({ path: herdPath, delayMs: 200 }),
      });
      await coldHerd(new URL(herdPath, url).href);
      const n = (await stats(herdPath)).count;
      console.log(`${name.padEnd(34)}${fmt(n)}${name.startsWith("(a)") ? "   (goal: 1)" : ""}`);
    }

    const minifier = await startWorker("html-minify", bundle.minify, origin.url);
    try {
      await benchHtmlMinify(new URL("/", minifier.url).href);
    } finally {
      await minifier.mf.dispose();
    }

    console.log(
      `\nBundle (wrangler deploy --dry-run --outdir dist): ${(bundle.rawBytes / 1024).toFixed(1)} KB, ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzipped (goal ≤ 60 KB)`,
    );
  } finally {
    for (const { mf } of Object.values(cases)) await mf.dispose();
    await origin.close();
  }
}

await main();
