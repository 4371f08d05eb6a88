// renderReport: the whole Markdown review from the data of both trees. Pure.
import type { ReviewData } from "../types.ts";
import { DEFAULT_LIMITS, type ReportLimits } from "./limits.ts";
import { cell, sideLabel, table } from "./markdown.ts";
import { renderNginx } from "./nginx.ts";
import { renderPolicy } from "./policy.ts";
import { renderStacks } from "./stacks.ts";
import { renderWorker } from "./worker.ts";

export { DEFAULT_LIMITS, type ReportLimits } from "./limits.ts";

/** The first line of every report: lets a CI job find and update its own sticky comment. */
export const REPORT_MARKER = "<!-- edge-review -->";

export function renderReport(data: ReviewData, limits: Partial<ReportLimits> = {}): string {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  const stacks = renderStacks(data, resolved);
  const policy = renderPolicy(data);
  const nginx = renderNginx(data, resolved);
  const worker = renderWorker(data);
  const summary = table(
    ["Part", "Change"],
    [
      ["Stacks", cell(stacks.summary)],
      ["Policy (head)", cell(policy.summary)],
      ["NGINX", cell(nginx.summary)],
      ["Worker bundle", cell(worker.summary)],
    ],
  );
  return [
    REPORT_MARKER,
    `## Edge review: ${sideLabel(data.base)} → ${sideLabel(data.head)}`,
    "Synthesized offline (no Terraform, no network): resource changes come from the Terraform JSON, not from a plan.",
    summary,
    "## Stacks",
    stacks.body,
    "## Policy",
    policy.body,
    "## NGINX",
    nginx.body,
    "## Worker bundle",
    worker.body,
  ]
    .join("\n\n")
    .concat("\n");
}
