// `node stacks/src/policy/cli.ts [cdktf.out] [--json]`: evaluates every synthesized stack of an output directory
// without cdktf (e.g. in CI after `pnpm synth --no-policy`, or on a review's base and head). Exit code 1 when any
// error-severity finding remains.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateStack, formatFinding, formatSuppressed } from "./evaluate.ts";
import type { EvaluationResult, StackJson } from "./types.ts";

/** Evaluates `<outdir>/stacks/<name>/cdk.tf.json` for every stack, keyed by stack name. */
export function evaluateOutdir(outdir: string): Record<string, EvaluationResult> {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: synthesize first (pnpm synth).`);
  const results: Record<string, EvaluationResult> = {};
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (!existsSync(file)) continue;
    results[name] = evaluateStack(JSON.parse(readFileSync(file, "utf8")) as StackJson, { stackName: name });
  }
  return results;
}

function main(args: string[]): number {
  const outdir = args.find((a) => !a.startsWith("--")) ?? "cdktf.out";
  const results = evaluateOutdir(outdir);
  if (args.includes("--json")) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const [name, result] of Object.entries(results)) {
      const errors = result.findings.filter((f) => f.severity === "error").length;
      console.log(
        `${name}: ${errors} error(s), ${result.findings.length - errors} warning(s), ${result.suppressed.length} suppressed`,
      );
      for (const finding of result.findings) console.log(`  ${formatFinding(finding)}`);
      for (const finding of result.suppressed) console.log(`  ${formatSuppressed(finding)}`);
    }
  }
  const failed = Object.values(results).some((r) => r.findings.some((f) => f.severity === "error"));
  return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
