import type { EvaluationEnvironment, Severity } from "../types.ts";

/** Error in production stacks, warning elsewhere (e.g. deletion protection on a staging ALB). */
export function errorInProduction(env: EvaluationEnvironment): Severity {
  return env.production ? "error" : "warning";
}
