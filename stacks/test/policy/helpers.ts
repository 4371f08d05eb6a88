import { App, TerraformStack, Testing } from "cdktf";
import { evaluateStack } from "../../src/policy/core.ts";
import { edgePlatformPack } from "../../src/policy/packs/edge-platform.ts";
import type { EvaluationResult, PackEntry, StackJson } from "../../src/policy/types.ts";

/**
 * Synthesizes a small fixture stack with the real provider constructs and returns its JSON with the
 * `//` metadata kept (Testing.synth strips it; construct paths and suppressions live there).
 */
export function synthJson(build: (stack: TerraformStack) => void, stackName = "fixture"): StackJson {
  const stack = new TerraformStack(
    new App({ outdir: "cdktf.out.policy-test", skipValidation: true }),
    stackName,
  );
  build(stack);
  Testing.synth(stack); // runs Aspects (e.g. suppressions on a parent construct)
  return stack.toTerraform() as StackJson;
}

export function entry(id: string): PackEntry {
  const found = edgePlatformPack.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no rule ${id} in the pack`);
  return found;
}

/** Evaluates only rule `id` of the pack. */
export function evaluateRule(id: string, json: StackJson, production = true): EvaluationResult {
  return evaluateStack(json, { pack: { name: id, entries: [entry(id)] }, production });
}
