import { tmpdir } from "node:os";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { evaluateStack } from "../../src/policy/core.ts";
import { edgePlatformPack } from "../../src/policy/packs/edge-platform.ts";
import type { EvaluationResult, PackEntry, StackJson } from "../../src/policy/types.ts";

/**
 * Synthesizes a small fixture stack with the real provider constructs and returns its JSON with the
 * `//` metadata kept (Testing.synth strips it; construct paths and suppressions live there).
 */
export function synthJson(build: (stack: TerraformStack) => void, stackName = "fixture"): StackJson {
  const stack = new TerraformStack(new App({ outdir: tmpdir(), skipValidation: true }), stackName);
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

export interface RuleCase {
  readonly id: string;
  /** Address of the block the violating fixture must be flagged on. */
  readonly address: string;
  readonly violating: (stack: TerraformStack) => void;
  readonly compliant: (stack: TerraformStack) => void;
  /** Evaluate as a production stack. @default true */
  readonly production?: boolean;
}

/** One violating and one compliant fixture per rule, each synthesized by the real cdktf. */
export function describeRules(cases: readonly RuleCase[]): void {
  for (const c of cases) {
    describe(`${c.id} ${entry(c.id).rule.name}`, () => {
      it("flags the violating fixture", () => {
        const { findings } = evaluateRule(c.id, synthJson(c.violating), c.production ?? true);
        expect(findings.map((f) => `${f.ruleId} ${f.address}`)).toContain(`${c.id} ${c.address}`);
      });
      it("passes the compliant fixture", () => {
        const { findings } = evaluateRule(c.id, synthJson(c.compliant), c.production ?? true);
        expect(findings).toEqual([]);
      });
    });
  }
}

/** A string input of the fixture stack (a `${var.name}` expression in the JSON). */
export function input(stack: TerraformStack, name: string): string {
  const existing = stack.node.tryFindChild(name) as TerraformVariable | undefined;
  return (existing ?? new TerraformVariable(stack, name, { type: "string" })).stringValue;
}
