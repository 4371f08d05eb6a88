// `pnpm bench` (in nginx/): req/s and p99 straight to one upstream vs through the rendered LB, with wrk, in one run.
// Like for like: an LB whose every pool is that same single upstream (HTTP and HTTPS) ÷ direct. Also shown, and
// labelled: the LB spreading over three upstreams (more upstream capacity, so not comparable to direct).
// Bounded: ROUNDS × 7 × DURATION.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { cacheControlFor } from "@edge/platform/headers";
import { newOriginAuthValue } from "../src/local/index.ts";
import { type Nginx, startNginx, startUpstreams } from "../test/support/processes.ts";

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

// Every request carries the origin-auth header, as the worker's do (the LB refuses others with 403); the direct
// case sends it too, so both sides parse the same request.
let originAuthHeader = "";

async function wrk(url: string, duration = DURATION): Promise<Result> {
  const args = ["-t2", `-c${CONNECTIONS}`, `-d${duration}`, "--latency", "-H", originAuthHeader, url];
  const { stdout } = await run("wrk", args, {
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

/**
 * The same-run baseline of the origin-auth check: this LB's pool files lose their `if ($origin_auth_refused)`
 * block and nginx reloads (SIGHUP to the master this bench started). Only the map lookup and the `if` differ
 * from `lb-http`; the header is still sent and blanked. Bench-only: the renderer has no way to switch it off.
 */
async function withoutOriginAuthCheck(nginx: Nginx): Promise<void> {
  const pools = join(nginx.dir, "nginxconfig/pools");
  for (const file of readdirSync(pools)) {
    const text = readFileSync(join(pools, file), "utf8");
    const stripped = text.replace(/^if \(\$origin_auth_refused\) \{[^}]*\}\n/m, "");
    if (stripped === text) throw new Error(`no origin-auth check in ${file}`);
    writeFileSync(join(pools, file), stripped);
  }
  process.kill(nginx.pid, "SIGHUP");
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`http://127.0.0.1:${nginx.httpPort}${PATH}`)).status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the LB without the origin-auth check still refuses requests after its reload");
}

/**
 * The same-run baseline of the per-request Cache-Control maps (personal requests, the origin's value): the API
 * route's two `add_header Cache-Control $…` lines become one with the class's literal value, plus a marker
 * header that says the reload is done. Bench-only, like {@link withoutOriginAuthCheck}.
 */
async function withLiteralCacheControl(nginx: Nginx): Promise<void> {
  const file = join(nginx.dir, "nginxconfig/routes/api.conf");
  const text = readFileSync(file, "utf8");
  const literal = `add_header Cache-Control "${cacheControlFor(nginx.platform.routeClasses.api!.cache)}";`;
  const edited = text
    .replace(
      /^add_header\s+Cache-Control\s+\$cache_control_api;$/m,
      `${literal}\nadd_header X-Bench-Literal 1;`,
    )
    .replace(/^add_header\s+Cache-Control\s+\$cache_control_personal_api\s+always;\n/m, "");
  if (edited.includes("$cache_control")) throw new Error(`api.conf has other Cache-Control lines:\n${text}`);
  writeFileSync(file, edited);
  process.kill(nginx.pid, "SIGHUP");
  const headers = { [nginx.originAuth.header]: nginx.originAuth.value };
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`http://127.0.0.1:${nginx.httpPort}${PATH}`, { headers });
    await res.arrayBuffer();
    if (res.headers.get("x-bench-literal") === "1") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the LB with a literal Cache-Control did not reload");
}

const upstreams = await startUpstreams(3, "bench");
// Every wrk connection comes from 127.0.0.1: lift the per-IP limits so the LB, not limit_req, is measured.
const unlimited = {
  rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000, connectionsPerIp: 60_000 } },
};
const originAuthValue = newOriginAuthValue();
const single = await startNginx(upstreams.slice(0, 1), unlimited, { plainHttp: "serve" }, [originAuthValue]);
const spread = await startNginx(upstreams, unlimited, { plainHttp: "serve" }, [originAuthValue]);
const unchecked = await startNginx(upstreams.slice(0, 1), unlimited, { plainHttp: "serve" }, [
  originAuthValue,
]);
await withoutOriginAuthCheck(unchecked);
const literal = await startNginx(upstreams.slice(0, 1), unlimited, { plainHttp: "serve" }, [originAuthValue]);
await withLiteralCacheControl(literal);
originAuthHeader = `${single.originAuth.header}: ${originAuthValue}`;
try {
  const targets: Record<string, string> = {
    direct: `http://127.0.0.1:${upstreams[0]!.port}${PATH}`,
    "lb-http": `http://127.0.0.1:${single.httpPort}${PATH}`,
    "lb-https": `https://127.0.0.1:${single.httpsPort}${PATH}`,
    "lb-http no-auth": `http://127.0.0.1:${unchecked.httpPort}${PATH}`,
    "lb-http literal-cc": `http://127.0.0.1:${literal.httpPort}${PATH}`,
    "lb-http ×3": `http://127.0.0.1:${spread.httpPort}${PATH}`,
    "lb-https ×3": `https://127.0.0.1:${spread.httpsPort}${PATH}`,
  };
  // Other work on the machine moves the figures: say how busy it was.
  console.log(
    `${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const lb = single.platform;
  console.log(
    `wrk -t2 -c${CONNECTIONS} -d${DURATION}, ${ROUNDS} round(s); LB: rendered production model (worker_processes ${lb.loadBalancer.workerProcesses}, upstream keepalive ${lb.pools.api!.upstream.keepaliveConnections})`,
    "\n  direct: one node upstream; lb-http/lb-https: the LB in front of that same upstream (like for like);",
    "\n  lb-http no-auth: lb-http with the origin-auth check removed (its same-run baseline);",
    "\n  lb-http literal-cc: lb-http with the API's Cache-Control maps replaced by the literal value (their baseline);",
    "\n  ×3: the LB spreading over three node upstreams (three times the upstream capacity: not like for like)",
  );
  const results: Record<string, Result[]> = Object.fromEntries(
    Object.keys(targets).map((name) => [name, []]),
  );
  for (const url of Object.values(targets)) await wrk(url, "2s"); // warm-up: JIT, connection pools, TLS cache
  for (let round = 1; round <= ROUNDS; round++) {
    // Even rounds run the cases in reverse: a machine that gets busier during a round favours no case.
    const order = Object.entries(targets);
    for (const [name, url] of round % 2 === 0 ? order.reverse() : order) {
      const r = await wrk(url);
      results[name]!.push(r);
      console.log(
        `  round ${round} ${name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99ms.toFixed(2).padStart(7)} ms  errors ${r.errors}`,
      );
    }
  }
  // The machine is shared: each round's ratio compares runs seconds apart, the median of rounds damps outliers.
  const base = results.direct!;
  const ratio = (name: string) => median(results[name]!.map((r, i) => r.rps / base[i]!.rps));
  console.log("\nmedian of rounds     req/s       p99   ÷ direct (median of per-round ratios)");
  for (const [name, rs] of Object.entries(results)) {
    const ratios = rs.map((r, i) => r.rps / base[i]!.rps);
    const errors = rs.reduce((a, r) => a + r.errors, 0);
    console.log(
      `  ${name.padEnd(19)} ${median(rs.map((r) => r.rps))
        .toFixed(0)
        .padStart(7)}  ${median(rs.map((r) => r.p99ms))
        .toFixed(2)
        .padStart(
          7,
        )} ms   ${name === "direct" ? "baseline" : `${median(ratios).toFixed(2)}  (rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")})`}${errors ? `  ${errors} errors` : ""}`,
    );
  }
  const verdict = (value: number, goal: number) => `${value.toFixed(2)} ${value >= goal ? "≥" : "<"} ${goal}`;
  console.log(
    `\nlike for like (same single upstream): HTTP ${verdict(ratio("lb-http"), 0.8)}, HTTPS ${verdict(ratio("lb-https"), 0.7)} (goals)`,
  );
  const checked = results["lb-http"]!.map((r, i) => r.rps / results["lb-http no-auth"]![i]!.rps);
  console.log(
    `origin-auth check: lb-http ÷ lb-http no-auth ${median(checked).toFixed(2)} (rounds: ${checked.map((x) => x.toFixed(2)).join(", ")})`,
  );
  const mapped = results["lb-http"]!.map((r, i) => r.rps / results["lb-http literal-cc"]![i]!.rps);
  console.log(
    `Cache-Control maps: lb-http ÷ lb-http literal-cc ${median(mapped).toFixed(2)} (rounds: ${mapped.map((x) => x.toFixed(2)).join(", ")})`,
  );
} finally {
  await Promise.all([single.stop(), spread.stop(), unchecked.stop(), literal.stop()]);
  await Promise.all(upstreams.map((u) => u.kill()));
}
