// `node packages/ops/src/smoke/cli.ts --env NAME [--target URL]` — the post-deploy smoke test per route class
// against the environment's public hostname (default https://<zone.domain>). Exit 0 all passed, 1 a check
// failed, 2 bad options.
import { parseArgs } from "node:util";
import { PlatformConfigError, resolvePlatform } from "@edge/platform";
import { smokeChecks } from "./checks.ts";

try {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== "--"),
    options: { env: { type: "string" }, target: { type: "string" } },
  });
  if (!values.env)
    throw new PlatformConfigError("(none)", [{ path: "--env", value: undefined, message: "is required" }]);
  const platform = resolvePlatform(values.env);
  const target = values.target ?? `https://${platform.zone.domain}`;
  const results = await smokeChecks(platform, target);
  for (const r of results)
    console.log(
      `${r.ok ? "ok  " : "FAIL"}  ${r.className.padEnd(10)} ${r.path.padEnd(32)} ${r.check}: ${r.detail}`,
    );
  const failed = results.filter((r) => !r.ok);
  console.log(
    failed.length
      ? `smoke FAILED: ${failed.length} of ${results.length} checks`
      : `smoke: ${results.length} checks passed`,
  );
  process.exitCode = failed.length ? 1 : 0;
} catch (error) {
  if (!(error instanceof PlatformConfigError)) throw error;
  console.error(`smoke: ${error.message}`);
  process.exitCode = 2;
}
