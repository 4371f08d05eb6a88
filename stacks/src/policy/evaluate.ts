import { stackNameOf, stackView } from "./blocks.ts";
import { edgePlatformPack } from "./packs/edge-platform.ts";
import { recordedProduction } from "./production.ts";
import {
  Compliance,
  type EvaluationResult,
  type Finding,
  type PolicyPack,
  type RuleOutcome,
  type StackJson,
  type SuppressedFinding,
} from "./types.ts";

export interface EvaluateOptions {
  /**
   * Rules to run.
   * @default edgePlatformPack
   */
  readonly pack?: PolicyPack;
  /**
   * Stack name used in findings.
   * @default the JSON's `//.metadata.stackName`
   */
  readonly stackName?: string;
  /**
   * Whether the stack is a production stack (some rules are errors only there).
   * @default what the stack recorded at synth (`recordProduction`, from the model's `tier`); for a stack
   * synthesized without it, true when the stack name contains a `prod` or `production` segment
   */
  readonly production?: boolean;
}

const PRODUCTION_NAME = /(^|[-_/.])prod(uction)?($|[-_/.])/i;

export function isProductionName(stackName: string): boolean {
  return PRODUCTION_NAME.test(stackName);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs every rule of the pack over every block of one synthesized stack. Needs no cdktf: a review tool
 * can call it on `cdk.tf.json` of base and head. A rule that throws yields a finding, never a crash.
 */
export function evaluateStack(json: StackJson, options: EvaluateOptions = {}): EvaluationResult {
  const pack = options.pack ?? edgePlatformPack;
  const stackName = stackNameOf(json, options.stackName);
  const production = options.production ?? recordedProduction(json) ?? isProductionName(stackName);
  const view = stackView(json, stackName, production);
  const stackSuppressions = view.blocks[0]?.suppressions ?? [];
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const block of view.blocks) {
    for (const entry of pack.entries) {
      let outcome: RuleOutcome;
      let failure: string | undefined;
      try {
        outcome = entry.rule.check(block, view);
      } catch (error) {
        outcome = Compliance.NON_COMPLIANT;
        failure = `rule ${entry.rule.name} threw while evaluating this block: ${describeError(error)}`;
      }
      if (outcome === Compliance.COMPLIANT || outcome === Compliance.NOT_APPLICABLE) continue;
      const detail = failure ?? (typeof outcome === "object" ? outcome.detail : undefined);
      const level = typeof entry.level === "function" ? entry.level({ production, stackName }) : entry.level;
      const finding: Finding = {
        ruleId: entry.id,
        ruleName: entry.rule.name,
        checkov: entry.rule.checkov,
        severity: level,
        address: block.address,
        path: block.path,
        info: failure ? `Could not evaluate ${entry.id}: ${entry.info}` : entry.info,
        explanation: entry.explanation,
        fix: failure ? `Fix the rule ${entry.rule.name}, or suppress ${entry.id} with a reason.` : entry.fix,
        ...(detail === undefined ? {} : { detail }),
      };
      const suppression = [...block.suppressions, ...stackSuppressions].find((s) => s.id === entry.id);
      if (suppression) suppressed.push({ ...finding, reason: suppression.reason });
      else findings.push(finding);
    }
  }
  return { stackName, findings, suppressed };
}

/** One line per finding: severity, rule, Checkov id, address, construct path, what is wrong and the fix. */
export function formatFinding(finding: Finding): string {
  const checkov = finding.checkov ? ` (${finding.checkov})` : "";
  const detail = finding.detail ? ` [${finding.detail}]` : "";
  return (
    `[${finding.severity}] ${finding.ruleId}${checkov} ${finding.address} at ${finding.path}: ` +
    `${finding.info}${detail} Fix: ${finding.fix}`
  );
}

export function formatSuppressed(finding: SuppressedFinding): string {
  return `[suppressed] ${finding.ruleId} ${finding.address} at ${finding.path}: ${finding.info} Reason: ${finding.reason}`;
}
