import type { TerraformStack } from "cdktf";
import type { StackJson } from "./types.ts";

/**
 * Where a synthesized stack records how strictly the pack holds it: `"//": { "policy": { "production": … } }`
 * in cdk.tf.json (Terraform ignores `//` keys). `buildApp` writes it from the model's `tier` on every stack, with
 * or without the synth-time pack, so the CLI on a `cdktf.out` (CI, `pnpm review`) applies the same strictness
 * as synth instead of guessing from the stack's name (`live-aws-edge` is production if the model says so).
 */
export function recordProduction(stack: TerraformStack, production: boolean): void {
  stack.addOverride("//.policy", { production });
}

/** The strictness a stack recorded at synth, or undefined for a stack synthesized without it. */
export function recordedProduction(json: StackJson): boolean | undefined {
  const comments = json["//"];
  if (typeof comments !== "object" || comments === null || Array.isArray(comments)) return undefined;
  const policy = (comments as Record<string, unknown>).policy;
  if (typeof policy !== "object" || policy === null) return undefined;
  const production = (policy as Record<string, unknown>).production;
  return typeof production === "boolean" ? production : undefined;
}
