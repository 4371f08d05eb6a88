// Turns what a tree's `evaluateStack` returned into the report's finding shape. Tolerant of field names, because
// the base may be an older rule pack than the head.
import type { PolicyFinding, PolicyResult, PolicySuppression } from "../types.ts";

type Loose = Record<string, unknown>;

function text(source: Loose, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function toFinding(stack: string, raw: Loose): PolicyFinding {
  const finding: PolicyFinding = {
    stack,
    ruleId: text(raw, ["ruleId", "rule", "id"]) ?? "(unnamed rule)",
    severity: text(raw, ["severity", "level"]) ?? "unknown",
    address: text(raw, ["address", "resourceAddress", "resource"]) ?? "",
    info: text(raw, ["info", "message", "description"]) ?? "",
  };
  const detail = text(raw, ["detail"]);
  if (detail) finding.info = finding.info ? `${finding.info} (${detail})` : detail;
  const constructPath = text(raw, ["constructPath", "path"]);
  if (constructPath) finding.constructPath = constructPath;
  const fix = text(raw, ["fix", "explanation", "remediation"]);
  if (fix) finding.fix = fix;
  return finding;
}

function toSuppression(stack: string, raw: Loose): PolicySuppression {
  // Either a finding with a `reason`, or `{ finding, reason }` / `{ finding, suppression: { reason } }`.
  const inner =
    typeof raw["finding"] === "object" && raw["finding"] !== null ? (raw["finding"] as Loose) : raw;
  const suppression =
    typeof raw["suppression"] === "object" && raw["suppression"] ? (raw["suppression"] as Loose) : {};
  return {
    ...toFinding(stack, inner),
    reason: text(raw, ["reason"]) ?? text(suppression, ["reason"]) ?? text(inner, ["reason"]) ?? "",
  };
}

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
