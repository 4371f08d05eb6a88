// The "Policy" section: the head's findings and suppressions, which are new since the base, which were resolved.
import type { PolicyFinding, PolicyResult, ReviewData } from "../types.ts";
import { cell, code, plural, table, unavailable } from "./markdown.ts";

const SEVERITY_ORDER = ["critical", "error", "high", "warning", "warn", "medium", "info", "low"];

/** Identity of a finding across base and head: same rule on the same resource of the same stack. */
export function findingKey(f: PolicyFinding): string {
  return `${f.stack}\u0000${f.ruleId}\u0000${f.address}`;
}

export function sortFindings<T extends PolicyFinding>(findings: readonly T[]): T[] {
  const rank = (s: string) => {
    const i = SEVERITY_ORDER.indexOf(s.toLowerCase());
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  const text = (f: PolicyFinding) => `${f.stack}\u0000${f.ruleId}\u0000${f.address}`;
  return [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || (text(a) < text(b) ? -1 : 1));
}

export function renderPolicy(data: ReviewData): { body: string; summary: string } {
  const { base, head } = data;
  if (head.policy.status !== "ok") {
    const why = unavailable(head.policy, head);
    return { body: `Policy: ${why}.`, summary: why };
  }
  const now = head.policy.value;
  const before: PolicyResult | undefined = base.policy.status === "ok" ? base.policy.value : undefined;
  const baseKeys = new Set(before?.findings.map(findingKey));
  const baseSuppressed = new Set(before?.suppressed.map(findingKey));
  const isNew = (known: Set<string>, f: PolicyFinding) =>
    before ? (known.has(findingKey(f)) ? "" : "new") : "—";

  const out: string[] = [];
  if (!before) out.push(`Base: ${unavailable(base.policy, base)}, so nothing is marked new.`);
  if (now.findings.length === 0) out.push("No findings.");
  else {
    const rows = sortFindings(now.findings).map((f) => [
      isNew(baseKeys, f),
      cell(f.severity),
      code(f.ruleId),
      code(f.stack),
      f.address ? code(f.address) : "(stack)",
      cell(f.info),
      cell(f.fix ?? ""),
    ]);
    out.push(table(["New", "Severity", "Rule", "Stack", "Resource", "Finding", "Fix"], rows));
  }
  const headKeys = new Set(now.findings.map(findingKey));
  const resolved = before ? sortFindings(before.findings.filter((f) => !headKeys.has(findingKey(f)))) : [];
  if (resolved.length > 0) {
    out.push(
      "**Resolved since base**",
      resolved
        .map((f) => `- ${code(f.ruleId)} on ${code(f.stack)} ${code(f.address || "(stack)")}`)
        .join("\n"),
    );
  }
  if (now.suppressed.length > 0) {
    const rows = sortFindings(now.suppressed).map((s) => [
      isNew(baseSuppressed, s),
      code(s.ruleId),
      code(s.stack),
      s.address ? code(s.address) : "(stack)",
      cell(s.reason),
    ]);
    out.push("**Suppressed**", table(["New", "Rule", "Stack", "Resource", "Reason"], rows));
  }
  const newCount = before ? now.findings.filter((f) => !baseKeys.has(findingKey(f))).length : 0;
  const summary =
    `${plural(now.findings.length, "finding")}` +
    (before ? ` (${newCount} new, ${resolved.length} resolved)` : "") +
    `, ${now.suppressed.length} suppressed`;
  return { body: out.join("\n\n"), summary };
}
