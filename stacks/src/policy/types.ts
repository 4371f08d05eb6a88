/**
 * Types of the policy rule pack. Zod-free and cdktf-free: everything here works on the synthesized
 * Terraform JSON (`cdk.tf.json`) alone, so a review tool can evaluate base and head output of a PR.
 */

export type Severity = "error" | "warning";

/** What a rule says about one block (cdk-nag's NagRuleCompliance, as a const object: no enums here). */
export const Compliance = {
  COMPLIANT: "compliant",
  NON_COMPLIANT: "non_compliant",
  NOT_APPLICABLE: "not_applicable",
} as const;
export type ComplianceStatus = (typeof Compliance)[keyof typeof Compliance];

/** A non-compliant verdict that names the offending element (a key, a listener, a setting). */
export interface NonCompliance {
  readonly status: typeof Compliance.NON_COMPLIANT;
  readonly detail: string;
}
export type RuleOutcome = ComplianceStatus | NonCompliance;

export type JsonObject = Record<string, unknown>;
/** Synthesized Terraform JSON of one stack, as written to `cdktf.out/stacks/<name>/cdk.tf.json`. */
export type StackJson = JsonObject;

export type BlockKind =
  | "resource"
  | "data"
  | "provider"
  | "variable"
  | "local"
  | "output"
  | "backend"
  | "stack";

export interface Suppression {
  /** Rule id, e.g. `ALB5`. */
  readonly id: string;
  readonly reason: string;
}

/** One top-level block of the stack JSON, the unit a rule judges. */
export interface Block {
  readonly kind: BlockKind;
  /** Resource/data type (`aws_lb`), provider name (`aws`), backend type (`s3`), or the kind itself. */
  readonly type: string;
  readonly name: string;
  /** Terraform address: `aws_lb.alb`, `data.aws_vpc.main`, `var.token`, `local.x`, `provider.aws`, ... */
  readonly address: string;
  /** Construct path from the block's `//` metadata, else the address. */
  readonly path: string;
  /** The block's configuration, snake_case keys exactly as synthesized (the `//` key removed); `{ value }` for a local. */
  readonly config: JsonObject;
  readonly suppressions: readonly Suppression[];
}

/** Read access to the whole stack, for rules about relations (association, logging). */
export interface StackView {
  readonly json: StackJson;
  readonly name: string;
  readonly production: boolean;
  readonly blocks: readonly Block[];
  /** Managed resources of one type. */
  resourcesOfType(type: string): readonly Block[];
}

/** A check: a pure function of one block (plus read access to the stack). */
export interface PolicyRule {
  /** Named for what it checks, like the file it lives in (`ALBHttpDropInvalidHeaderEnabled`). */
  readonly name: string;
  /** The matching well-known Checkov policy id, when one exists. */
  readonly checkov?: string;
  check(block: Block, stack: StackView): RuleOutcome;
}

export interface EvaluationEnvironment {
  readonly production: boolean;
  readonly stackName: string;
}

/** A pack entry wires a rule to an id, texts and a level (cdk-nag `src/packs/aws-solutions.ts`). */
export interface PackEntry {
  readonly id: string;
  readonly rule: PolicyRule;
  /** What is wrong, one line. */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  readonly level: Severity | ((env: EvaluationEnvironment) => Severity);
  /** Level as shown in RULES.md when `level` is a function. */
  readonly levelText?: string;
}

export interface PolicyPack {
  readonly name: string;
  readonly entries: readonly PackEntry[];
}

export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly checkov: string | undefined;
  readonly severity: Severity;
  /** Terraform address, e.g. `aws_lb.alb`. */
  readonly address: string;
  /** Construct path, e.g. `aws-edge-production/alb`. */
  readonly path: string;
  readonly info: string;
  readonly explanation: string;
  readonly fix: string;
  /** What exactly is wrong in this block, when the rule says. */
  readonly detail?: string;
}

export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

export interface EvaluationResult {
  readonly stackName: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}
