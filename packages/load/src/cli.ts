// `pnpm load --scenario <smoke|basic|spike|stress|endurance> [--target URL | --public] [--env NAME] [--out DIR]`
// Runs a load scenario rendered from the model with Artillery and gates on the SLOs: exit 0 passed, 1 a
// threshold was breached, 2 bad input or an unreachable target. Without --target the local edge is started for
// the run and stopped after.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type LocalEdge, startLocalEdge } from "@edge/local-edge";
import { PlatformConfigError, resolvePlatform } from "@edge/platform";
import { runLoad } from "./run.ts";
import { SCENARIOS, type ScenarioName } from "./scenario.ts";
import { ThresholdError } from "./thresholds.ts";

class UsageError extends Error {}
const ROOT = resolve(new URL("../../..", import.meta.url).pathname);

async function reachable(url: string): Promise<void> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "manual" });
  } catch (error) {
    throw new UsageError(
      `target ${url} is unreachable: ${(error as Error).cause ?? (error as Error).message}`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      scenario: { type: "string" },
      target: { type: "string" },
      public: { type: "boolean" },
      env: { type: "string", default: "staging" },
      out: { type: "string" },
    },
  });
  const scenario = values.scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario))
    throw new UsageError(
      `--scenario ${values.scenario ?? "(missing)"}: must be one of ${SCENARIOS.join(", ")}`,
    );
  if (values.target && !/^https?:\/\/[^\s/]+\/?$/.test(values.target))
    throw new UsageError(`--target ${values.target}: must be a base URL such as https://staging.example.com`);
  const platform = resolvePlatform(values.env);
  // --public: the environment's public hostname from the model (what the deploy workflow checks).
  if (values.public) values.target ??= `https://${platform.zone.domain}`;
  const outDir = resolve(values.out ?? join(ROOT, ".cache/load", `${values.env}-${scenario}`));

  let edge: LocalEdge | undefined;
  try {
    if (!values.target) {
      console.error(`load: no --target, starting the local edge (${values.env} model) for this run…`);
      // One origin per pool: the mix is mostly cached, and fewer processes start faster on a busy machine.
      edge = await startLocalEdge({ environment: values.env, servers: { web: 1, api: 1, ws: 1 } });
    }
    const target = values.target ?? edge!.workerUrl;
    await reachable(target);
    const { summary, files } = await runLoad({ platform, scenario, target, outDir });
    console.log(
      `\nload ${scenario} → ${target}: ${summary.requests} requests, p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms, errors ${summary.errorPercent} %`,
    );
    for (const b of summary.breaches) console.log(`  BREACH ${b.what}: ${b.actual} (limit ${b.limit})`);
    console.log(`report: ${files.markdown}\n        ${files.json}\n        ${files.svg}`);
    console.log(summary.passed ? "load: passed" : "load: FAILED (SLO thresholds breached)");
    return summary.passed ? 0 : 1;
  } finally {
    await edge?.stop();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof UsageError ||
    error instanceof PlatformConfigError ||
    error instanceof ThresholdError
  ) {
    console.error(`load: ${error.message}`);
    process.exitCode = 2;
  } else throw error;
}
