// `pnpm bench` (in nginx/): req/s and p99 straight to one upstream vs through the rendered LB (HTTP and HTTPS)
// over the same upstreams, with wrk, in one run. Prints LB ÷ direct. Bounded: ROUNDS × 3 × DURATION.
import { execFile } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { promisify } from "node:util";
import { startNginx, startUpstreams } from "../test/support/processes.ts";

const run = promisify(execFile);
const DURATION = process.env.BENCH_DURATION ?? "5s";
const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? "50";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PATH = "/api/bench";

interface Result {
  rps: number;
  p99ms: number;
  errors: number;
}

const toMs = (value: string, unit: string) =>
  Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit]!;

async function wrk(url: string, duration = DURATION): Promise<Result> {
  const { stdout } = await run("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${duration}`, "--latency", url], {
    timeout: 120_000,
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(stdout);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  if (!rps || !p99) throw new Error(`cannot parse wrk output:\n${stdout}`);
  return { rps, p99ms: toMs(p99[1]!, p99[2]!), errors };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const upstreams = await startUpstreams(3, "bench");
// Every wrk connection comes from 127.0.0.1: lift the per-IP limits so the LB, not limit_req, is measured.
const nginx = await startNginx(
  upstreams,
  { rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000, connectionsPerIp: 60_000 } } },
  { plainHttp: "serve" },
);
try {
  const targets = {
    direct: `http://127.0.0.1:${upstreams[0]!.port}${PATH}`,
    "lb-http": `http://127.0.0.1:${nginx.httpPort}${PATH}`,
    "lb-https": `https://127.0.0.1:${nginx.httpsPort}${PATH}`,
  };
  // Other work on the machine moves the figures: say how busy it was.
  console.log(
    `${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `wrk -t2 -c${CONNECTIONS} -d${DURATION}, ${ROUNDS} round(s); upstreams: 3 node servers; LB: rendered production model (worker_processes ${nginx.platform.loadBalancer.workerProcesses}, keepalive ${nginx.platform.pools.api!.upstream.keepaliveConnections})`,
  );
  const results: Record<string, Result[]> = { direct: [], "lb-http": [], "lb-https": [] };
  for (const url of Object.values(targets)) await wrk(url, "2s"); // warm-up: JIT, connection pools, TLS cache
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, url] of Object.entries(targets)) {
      const r = await wrk(url);
      results[name]!.push(r);
      console.log(
        `  round ${round} ${name.padEnd(8)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99ms.toFixed(2).padStart(7)} ms  errors ${r.errors}`,
      );
    }
  }
  // The machine is shared: each round's ratio compares runs seconds apart, the median of rounds damps outliers.
  const base = results.direct!;
  console.log("\nmedian of rounds     req/s       p99   LB ÷ direct (median of per-round ratios)");
  for (const [name, rs] of Object.entries(results)) {
    const ratios = rs.map((r, i) => r.rps / base[i]!.rps);
    const errors = rs.reduce((a, r) => a + r.errors, 0);
    console.log(
      `  ${name.padEnd(16)} ${median(rs.map((r) => r.rps))
        .toFixed(0)
        .padStart(7)}  ${median(rs.map((r) => r.p99ms))
        .toFixed(2)
        .padStart(
          7,
        )} ms   ${name === "direct" ? "baseline" : `${median(ratios).toFixed(2)}  (rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")})`}${errors ? `  ${errors} errors` : ""}`,
    );
  }
  console.log("\ngoal: LB ÷ direct ≥ 0.7 on 2 cores (naive config measured 0.4–0.6 here)");
} finally {
  await nginx.stop();
  await Promise.all(upstreams.map((u) => u.kill()));
}
