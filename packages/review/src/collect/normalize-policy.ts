// Turns what a tree's `evaluateStack` returned into the report's finding shape. Every version of the policy pack
// (stacks/src/policy/types.ts) reports `Finding { ruleId, severity, address, path, info, fix, detail? }` and
// `SuppressedFinding = Finding & { reason }`; the input is still checked, because it comes from another tree.
import type { PolicyFinding, PolicyResult, PolicySuppression } from "../types.ts";

type Loose = Record<string, unknown>;

const text = (source: Loose, key: string): string | undefined => {
  const value = source[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

function toFinding(stack: string, raw: Loose): PolicyFinding {
  const finding: PolicyFinding = {
    stack,
    ruleId: text(raw, "ruleId") ?? "(unnamed rule)",
    severity: text(raw, "severity") ?? "unknown",
    address: text(raw, "address") ?? "",
    info: text(raw, "info") ?? "",
  };
  const detail = text(raw, "detail");
  if (detail) finding.info = finding.info ? `${finding.info} (${detail})` : detail;
  const constructPath = text(raw, "path");
  if (constructPath) finding.constructPath = constructPath;
  const fix = text(raw, "fix");
  if (fix) finding.fix = fix;
  return finding;
}

const toSuppression = (stack: string, raw: Loose): PolicySuppression => ({
  ...toFinding(stack, raw),
  reason: text(raw, "reason") ?? "",
});

const asList = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.filter((x): x is Loose => typeof x === "object" && x !== null) : [];

/** `{ [stack]: { findings, suppressed } }` → one flat result with the stack on every entry. */
export function normalizePolicy(raw: Record<string, unknown>): PolicyResult {
  const result: PolicyResult = { findings: [], suppressed: [] };
  for (const [stack, value] of Object.entries(raw)) {
    const entry = (typeof value === "object" && value !== null ? value : {}) as Loose;
    result.findings.push(...asList(entry["findings"]).map((f) => toFinding(stack, f)));
    result.suppressed.push(...asList(entry["suppressed"]).map((s) => toSuppression(stack, s)));
  }
  return result;
}
