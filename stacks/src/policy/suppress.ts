import { Aspects, type IAspect, TerraformElement, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { SUPPRESSIONS_KEY } from "./blocks.ts";
import type { Suppression } from "./types.ts";

export const MIN_REASON_LENGTH = 10;

// Suppressions written so far per element: addOverride replaces the list, so keep the union here.
const written = new WeakMap<IConstruct, Suppression[]>();

interface Overridable extends IConstruct {
  addOverride(path: string, value: unknown): void;
}

function writeSuppression(target: Overridable, suppression: Suppression): void {
  const list = written.get(target) ?? [];
  if (list.some((s) => s.id === suppression.id)) return;
  list.push(suppression);
  written.set(target, list);
  target.addOverride(
    `//.${SUPPRESSIONS_KEY}`,
    list.map((s) => ({ id: s.id, reason: s.reason })),
  );
}

class SuppressionAspect implements IAspect {
  readonly suppression: Suppression;
  constructor(suppression: Suppression) {
    this.suppression = suppression;
  }
  visit(node: IConstruct): void {
    if (node instanceof TerraformElement) writeSuppression(node, this.suppression);
  }
}

/**
 * Suppresses rule `ruleId` on a construct, with a written reason that shows in the synth output.
 * The suppression travels inside the synthesized JSON (the block's `//` comment), so a review tool
 * running `evaluateStack` on `cdk.tf.json` honours it too.
 * - a resource, data source, provider, variable or output: that block;
 * - a stack: every block of the stack (written once, at the top-level `//`);
 * - any other construct: every Terraform element below it (applied at synth, by an Aspect).
 *
 * @throws when the reason is shorter than 10 characters or the rule id is empty.
 * @example suppress(alb, "ALB5", "Access logs land in the account-wide bucket set by the org SCP")
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  const trimmed = reason.trim();
  if (ruleId.trim() === "") throw new Error(`suppress(${construct.node.path}): the rule id is empty.`);
  if (trimmed.length < MIN_REASON_LENGTH) {
    throw new Error(
      `suppress(${construct.node.path}, "${ruleId}"): the reason "${trimmed}" has ${trimmed.length} characters; ` +
        `write at least ${MIN_REASON_LENGTH} saying why the rule does not apply here.`,
    );
  }
  const suppression = { id: ruleId, reason: trimmed };
  if (construct instanceof TerraformElement || construct instanceof TerraformStack) {
    writeSuppression(construct, suppression);
  } else {
    Aspects.of(construct).add(new SuppressionAspect(suppression));
  }
}
