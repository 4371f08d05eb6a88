// `pnpm warm [--env NAME] [--target URL | --public] [--from sitemap|list] [--concurrency N] [--rate N] [--json]`
// Requests the paths that matter (and every image variant) through the edge. Without --target it starts the
// local edge, warms it and stops it. Exit 0 when failures stay within operations.warm.maxErrorPercent, 1 above
// it, 2 for bad input or an unreachable target.
import { parseArgs } from "node:util";
import { type LocalEdge, startLocalEdge } from "@edge/local-edge";
import { PlatformConfigError, resolvePlatform } from "@edge/platform";
import { progressBar } from "./progress.ts";
import { formatWarmReport, runWarm } from "./run.ts";
import { modelPaths, sitemapPaths, warmTargets } from "./targets.ts";

class UsageError extends Error {}

const positive = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new UsageError(`--${name} ${value}: must be a whole number from 1 to 10000`);
  return n;
};

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      env: { type: "string", default: "staging" },
      target: { type: "string" },
      public: { type: "boolean" },
      from: { type: "string", default: "list" },
      concurrency: { type: "string" },
      rate: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (values.from !== "list" && values.from !== "sitemap")
    throw new UsageError(`--from ${values.from}: must be "list" (operations.paths) or "sitemap"`);
  const platform = resolvePlatform(values.env);
  // --public: the environment's public hostname from the model (what the deploy workflow checks).
  if (values.public) values.target ??= `https://${platform.zone.domain}`;
  const concurrency = positive("concurrency", values.concurrency);
  const rate = positive("rate", values.rate);
  if (values.target && !/^https?:\/\/[^\s/]+\/?$/.test(values.target))
    throw new UsageError(`--target ${values.target}: must be a base URL such as https://staging.example.com`);

  let edge: LocalEdge | undefined;
  try {
    if (!values.target) {
      console.error(`warm: no --target, starting the local edge (${values.env} model)…`);
      edge = await startLocalEdge({ environment: values.env });
    }
    const target = values.target ?? edge!.workerUrl;
    let paths = modelPaths(platform);
    if (values.from === "sitemap") {
      const url = `${target.replace(/\/$/, "")}${platform.operations.warm.sitemapPath}`;
      const res = await fetch(url, { signal: AbortSignal.timeout(platform.operations.warm.timeoutMs) }).catch(
        (e: Error) => {
          throw new UsageError(`sitemap ${url}: unreachable (${e.message})`);
        },
      );
      if (!res.ok) throw new UsageError(`sitemap ${url}: HTTP ${res.status}`);
      paths = sitemapPaths(await res.text());
      if (paths.length === 0) throw new UsageError(`sitemap ${url}: no <loc> entries`);
    }
    const targets = warmTargets(platform, paths);
    const report = await runWarm({
      platform,
      target,
      targets,
      ...(concurrency ? { concurrency } : {}),
      ...(rate ? { requestsPerSecond: rate } : {}),
      onProgress: values.json
        ? undefined
        : progressBar(targets.length, (s) => process.stderr.write(s), process.stderr.isTTY === true),
    });
    if (values.json) console.log(JSON.stringify({ ...report, results: undefined }, null, 2));
    else console.log(formatWarmReport(report, platform.operations.warm.maxErrorPercent));
    return report.ok ? 0 : 1;
  } finally {
    await edge?.stop();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof PlatformConfigError) {
    console.error(`warm: ${error.message}`);
    process.exitCode = 2;
  } else throw error;
}
