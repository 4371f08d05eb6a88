// `pnpm --filter @edge/load bench` — the local edge under the model's `stress` scenario with a cached mix, and the
// same scenario against a trivial Node server on 127.0.0.1 as a same-run baseline (what Artillery and this machine
// manage without the edge). Prints p99 and errors in the 1000 rps hold phase and the ratios. Not a test.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalEdge } from "@edge/local-edge";
import { modelPaths, runWarm, warmTargets } from "@edge/ops";
import { resolvePlatform } from "@edge/platform";
import { type LoadRun, runLoad } from "../src/index.ts";

const env = process.env.BENCH_ENV ?? "staging";
const platform = resolvePlatform(env);
const holdStart = platform.operations.loadScenarios.stress
  .slice(0, -1)
  .reduce((s, p) => s + p.durationSeconds, 0);
const out = join(tmpdir(), `edge-load-bench-${Date.now()}`);

/** When a run cannot finish: the last period summaries Artillery printed (codes, errors, response-time p99). */
function periodsFromLog(file: string): string {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "  (no output)";
  }
  return text
    .split(/Metrics for period to: /)
    .slice(1)
    .slice(-3)
    .map((p) => {
      const fields = [...p.matchAll(/(http\.codes\.\d+|errors\.[\w.]+|http\.request_rate): \.*\s*(\S+)/g)];
      const p99 = /http\.response_time:[\s\S]*?p99: \.*\s*([\d.]+)/.exec(p)?.[1];
      return `  period ${p.slice(0, 24).trim()}: ${fields.map((m) => `${m[1]}=${m[2]}`).join(" ")} p99=${p99 ?? "?"}`;
    })
    .join("\n");
}

/** p99 (worst period) and failures over the periods of the last phase (the hold at the top rate). */
function hold(run: LoadRun) {
  const t0 = run.summary.timeline[0]?.at ?? 0;
  const periods = run.summary.timeline.filter((p) => (p.at - t0) / 1000 >= holdStart);
  const p99 = Math.max(...periods.map((p) => p.p99 ?? 0));
  const rate = periods.reduce((a, p) => a + p.requestRate, 0) / Math.max(1, periods.length);
  return {
    p99,
    rate,
    errors: run.summary.errors,
    errorPercent: run.summary.errorPercent,
    codes: run.summary.codes,
  };
}

console.log(
  `cores ${cpus().length}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const baselineServer = createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" });
  res.end('{"ok":true}\n');
}).listen(0, "127.0.0.1");
await new Promise((r) => baselineServer.once("listening", r));
const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as { port: number }).port}`;

const edge = await startLocalEdge({ environment: env, servers: { web: 1, api: 1, ws: 1 } });
try {
  const warm = await runWarm({
    platform,
    target: edge.workerUrl,
    targets: warmTargets(platform, modelPaths(platform)),
  });
  console.log(`warmed ${warm.results.length} requests (${warm.failedPercent.toFixed(1)} % failed)`);
  const run = async (target: string, name: string) => {
    const logFile = join(out, `${name}.log`);
    try {
      return await runLoad({
        platform,
        scenario: "stress",
        target,
        outDir: join(out, name),
        logFile,
        graceSeconds: 120,
      });
    } catch (error) {
      console.log(
        `${name}: ${(error as Error).message}\nlast periods Artillery printed:\n${periodsFromLog(logFile)}`,
      );
      return undefined;
    }
  };
  const edgeRun = await run(edge.workerUrl, "edge");
  const baseRun = await run(baselineUrl, "baseline");
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (edgeRun && baseRun) {
    const e = hold(edgeRun);
    const b = hold(baseRun);
    console.log("stress, hold phase (model: 1000 arrivals/s):");
    console.log(
      `  local edge : ${e.rate.toFixed(0)} req/s achieved, p99 ${e.p99} ms, errors ${e.errorPercent} % ${JSON.stringify(e.errors)} codes ${JSON.stringify(e.codes)}`,
    );
    console.log(
      `  baseline   : ${b.rate.toFixed(0)} req/s achieved, p99 ${b.p99} ms, errors ${b.errorPercent} % ${JSON.stringify(b.errors)}`,
    );
    console.log(
      `  ratio edge/baseline: p99 ${(e.p99 / Math.max(b.p99, 0.1)).toFixed(1)}x, throughput ${(e.rate / Math.max(b.rate, 1)).toFixed(2)}x`,
    );
    const mix = Object.fromEntries(Object.entries(edgeRun.summary.byClass).map(([c, r]) => [c, r.cache]));
    console.log(
      `  whole run, edge: ${edgeRun.summary.requests} requests, p99 ${edgeRun.summary.latencyMs.p99} ms; cache mix ${JSON.stringify(mix)}`,
    );
  } else process.exitCode = 1;
  console.log(`reports: ${out}`);
} finally {
  await edge.stop();
  baselineServer.close();
}
