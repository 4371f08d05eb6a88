// The one command-line parser of the CI scripts: node:util parseArgs, a usage line on bad input, and
// `<script>: <message>` with exit code 1 when the command fails. Plain JavaScript for Node 20 (see layout.mjs).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/**
 * Runs `main` when `moduleUrl` is the process entry (`node script.mjs ...`), never on import.
 * @template {import("node:util").ParseArgsConfig["options"]} O
 * @param {string} moduleUrl import.meta.url of the script
 * @param {{ usage: string; options: O; positionals?: number }} spec `positionals`: how many are required
 * @param {(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }) => void} main
 */
export function runCli(moduleUrl, spec, main) {
  const file = fileURLToPath(moduleUrl);
  if (!process.argv[1] || resolve(process.argv[1]) !== file) return;
  const name = file.split("/").pop();
  /** @type {ReturnType<typeof parseArgs>} */
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: spec.options,
      allowPositionals: (spec.positionals ?? 0) > 0,
      strict: true,
    });
    if (parsed.positionals.length !== (spec.positionals ?? 0)) throw new Error("wrong number of arguments");
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : error}\nusage: ${spec.usage}`);
    process.exit(2);
  }
  try {
    main({
      values: /** @type {Record<string, string | boolean | string[] | undefined>} */ (parsed.values),
      positionals: parsed.positionals,
    });
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
