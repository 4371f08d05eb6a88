// Runs INSIDE a checked-out tree's module graph (a child process), so the base and the head each use their own
// code: `node probe.ts environments TREE` prints the model's environment names; `node probe.ts policy TREE
// STACKS_DIR` prints `{ [stack]: evaluateStack(json, { stackName }) }` as JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PLATFORM_ENTRY, POLICY_ENTRY } from "./layout.ts";

type EvaluateStack = (stack: unknown, options: { stackName?: string }) => unknown;

async function main(): Promise<void> {
  const [mode, tree, stacksDir] = process.argv.slice(2);
  if (mode === "environments" && tree) {
    const platform = (await import(pathToFileURL(join(tree, PLATFORM_ENTRY)).href)) as {
      ENVIRONMENT_NAMES?: readonly string[];
    };
    process.stdout.write(JSON.stringify(platform.ENVIRONMENT_NAMES ?? []));
    return;
  }
  if (mode === "policy" && tree && stacksDir) {
    const pack = (await import(pathToFileURL(join(tree, POLICY_ENTRY)).href)) as {
      evaluateStack?: EvaluateStack;
    };
    if (typeof pack.evaluateStack !== "function")
      throw new Error(`${POLICY_ENTRY} does not export evaluateStack`);
    const results: Record<string, unknown> = {};
    for (const stack of readdirSync(stacksDir).sort()) {
      const json: unknown = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8"));
      results[stack] = await pack.evaluateStack(json, { stackName: stack });
    }
    process.stdout.write(JSON.stringify(results));
    return;
  }
  throw new Error("usage: probe.ts environments TREE | probe.ts policy TREE STACKS_DIR");
}

await main();
