// Validates every environment of the model and prints a readable summary. Exit 1 on any invalid environment.
import { parseArgs } from "node:util";
import { ENVIRONMENT_NAMES, PlatformConfigError, resolvePlatform, summarize } from "./index.ts";

const { values } = parseArgs({ options: { env: { type: "string" }, quiet: { type: "boolean" } } });
const names = values.env ? [values.env] : ENVIRONMENT_NAMES;
let failed = false;
for (const name of names) {
  try {
    const platform = resolvePlatform(name);
    console.log(values.quiet ? `✓ model valid: ${name}` : `${summarize(platform)}\n`);
  } catch (error) {
    if (!(error instanceof PlatformConfigError)) throw error;
    console.error(error.message);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
