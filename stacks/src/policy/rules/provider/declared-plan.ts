import { CLOUDFLARE_PLANS, type CloudflarePlan } from "@edge/platform/cloudflare-plans";
import type { StackView } from "../../types.ts";
import { asList, nested } from "../util.ts";

const PLAN_CONDITION = /self\.plan\.legacy_id\s*==\s*"([a-z]+)"/;

/**
 * The plan a stack declares for its zone: the `self.plan.legacy_id == "<plan>"` postcondition on its
 * `data.cloudflare_zone` lookup (the stacks render it from `cloudflare.plan`). A stack that declares none is
 * judged as Free, the plan that accepts least.
 */
export function declaredPlan(stack: StackView): CloudflarePlan {
  for (const block of stack.blocks) {
    if (block.kind !== "data" || block.type !== "cloudflare_zone") continue;
    for (const condition of asList(nested(block.config.lifecycle).postcondition)) {
      const plan = PLAN_CONDITION.exec(String(condition.condition ?? ""))?.[1];
      if ((CLOUDFLARE_PLANS as readonly string[]).includes(plan ?? "")) return plan as CloudflarePlan;
    }
  }
  return "free";
}
