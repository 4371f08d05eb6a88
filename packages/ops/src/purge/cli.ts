// `pnpm purge --env NAME (--tag T… | --prefix P… | --host H… | --url U… | --class C… | --deploy | --everything)`
// Purges Cloudflare's zone cache (API) and the edge worker's cache (its purge endpoint). Exit 0 only when every
// call succeeded; 1 when a call failed after its retries; 2 for bad input or missing credentials.
import { parseArgs } from "node:util";
import { PlatformConfigError, resolvePlatform } from "@edge/platform";
import { PurgeInputError, type PurgeSelection } from "./request.ts";
import { type PurgeOptions, runPurge } from "./run.ts";

const USAGE = `usage: pnpm purge --env NAME [--tag T]… [--prefix P]… [--host H]… [--url U]… [--class C]… [--deploy] [--everything]
         [--target URL] [--no-cloudflare] [--no-worker] [--json]
  env: CLOUDFLARE_API_TOKEN, CLOUDFLARE_ZONE_ID (Cloudflare's purge API), EDGE_PURGE_TOKEN (the worker's purge path)`;

class UsageError extends Error {}

function need(name: string, hint: string): string {
  const value = process.env[name];
  if (!value) throw new UsageError(`${name} is not set: ${hint}`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      env: { type: "string" },
      tag: { type: "string", multiple: true },
      prefix: { type: "string", multiple: true },
      host: { type: "string", multiple: true },
      url: { type: "string", multiple: true },
      class: { type: "string", multiple: true },
      deploy: { type: "boolean" },
      everything: { type: "boolean" },
      target: { type: "string" },
      "no-cloudflare": { type: "boolean" },
      "no-worker": { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.env) throw new UsageError("--env is required (the model environment whose zone is purged)");
  const platform = resolvePlatform(values.env);
  const deploy = values.deploy ? platform.operations.deployPurge : undefined;
  const selection: PurgeSelection = {
    tags: [...(values.tag ?? []), ...(deploy?.tags ?? [])],
    prefixes: values.prefix ?? [],
    hosts: values.host ?? [],
    urls: values.url ?? [],
    classes: [...(values.class ?? []), ...(deploy?.classes ?? [])],
    everything: values.everything === true || deploy?.everything === true,
  };
  if (values["no-cloudflare"] && values["no-worker"])
    throw new UsageError("--no-cloudflare and --no-worker together leave nothing to purge");
  const options: PurgeOptions = {
    platform,
    selection,
    cloudflare: values["no-cloudflare"]
      ? null
      : {
          apiToken: need("CLOUDFLARE_API_TOKEN", "a token with Zone › Cache Purge (or pass --no-cloudflare)"),
          zoneId: need("CLOUDFLARE_ZONE_ID", `the id of the Cloudflare zone ${platform.cloudflare.zoneName}`),
          ...(process.env.CLOUDFLARE_API_BASE ? { apiBase: process.env.CLOUDFLARE_API_BASE } : {}),
        },
    worker: values["no-worker"]
      ? null
      : {
          url: values.target ?? `https://${platform.zone.domain}`,
          token: need("EDGE_PURGE_TOKEN", "the worker's PURGE_TOKEN secret (or pass --no-worker)"),
        },
    log: values.json ? undefined : (line) => console.log(line),
  };
  const report = await runPurge(options);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    for (const s of report.skipped) console.log(`skipped    ${s}`);
    console.log(
      report.ok
        ? `purge: ${report.purged.length} call(s) confirmed`
        : `purge FAILED: ${report.failed.length} of ${report.calls.length} call(s) not confirmed — that content was NOT purged`,
    );
  }
  return report.ok ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof UsageError ||
    error instanceof PurgeInputError ||
    error instanceof PlatformConfigError
  ) {
    console.error(`purge: ${error.message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 2;
  } else throw error;
}
