import type { TerraformStack } from "cdktf";
import { type EvaluateOptions, evaluateStack, formatFinding, formatSuppressed } from "./evaluate.ts";
import type { EvaluationResult, StackJson } from "./types.ts";

// Stacks the pack is registered on: a second registration would report every finding twice.
const applied = new WeakSet<TerraformStack>();

export interface ApplyPolicyPackOptions extends Omit<EvaluateOptions, "stackName"> {
  /**
   * Where warnings and suppressions are printed (errors fail synth instead).
   * @default console.warn
   */
  readonly log?: (line: string) => void;
  /**
   * Called with each evaluation result (e.g. to collect findings in a report).
   * @default none
   */
  readonly onResult?: (result: EvaluationResult) => void;
}

/**
 * Runs the policy pack when the stack is synthesized (`app.synth()`, `cdktf synth`, and
 * `Testing.synth(stack, true)`), as a validation on the stack node: any error-severity finding fails
 * synth with one line per finding naming severity, rule, address, construct path and the fix.
 * Warnings and suppressions are printed through `log` and do not fail.
 *
 * @example applyPolicyPack(stack, { production: isProductionTier(platform) })
 */
export function applyPolicyPack(stack: TerraformStack, options: ApplyPolicyPackOptions = {}): void {
  if (applied.has(stack)) {
    throw new Error(`applyPolicyPack(${stack.node.path}): already applied; call it once per stack.`);
  }
  applied.add(stack);
  const log = options.log ?? ((line: string) => console.warn(line));
  stack.node.addValidation({
    validate: () => {
      const json = stack.toTerraform() as StackJson;
      const result = evaluateStack(json, { ...options, stackName: stack.node.path });
      options.onResult?.(result);
      for (const finding of result.findings) {
        if (finding.severity === "warning") log(`policy ${result.stackName}: ${formatFinding(finding)}`);
      }
      for (const finding of result.suppressed)
        log(`policy ${result.stackName}: ${formatSuppressed(finding)}`);
      const errors = result.findings.filter((finding) => finding.severity === "error");
      if (errors.length === 0) return [];
      return [
        ...errors.map((finding) => `policy: ${formatFinding(finding)}`),
        `policy: ${errors.length} error finding(s) in ${result.stackName}. Fix them, or where a rule does not ` +
          "apply, suppress(construct, ruleId, reason) with a reason of 10+ characters (see stacks/RULES.md).",
      ];
    },
  });
}
