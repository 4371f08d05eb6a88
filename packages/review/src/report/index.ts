// renderReport: the whole Markdown review from the data of both trees. Pure.
import type { ReviewData } from "../types.ts";
import { renderDelivery } from "./delivery.ts";
import { DEFAULT_LIMITS, type ReportLimits } from "./limits.ts";
import { cell, plural, sideLabel, table } from "./markdown.ts";
import { renderNginx } from "./nginx.ts";
import { renderPolicy } from "./policy.ts";
import { renderStacks } from "./stacks.ts";
import { renderSummary } from "./summary.ts";
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
  const delivery = renderDelivery(data);
  const effective = renderSummary(data);
  const summary = table(
    ["Part", "Change"],
    [
      [
        "Risky changes",
        cell(
          !effective.assessed
            ? "not assessed (a part failed; see below)"
            : effective.risks.length === 0
              ? "none found"
              : `⚠️ ${plural(effective.risks.length, "risky change")}, listed under "Effect per environment"`,
        ),
      ],
      ["Stacks", cell(stacks.summary)],
      ["Policy (head)", cell(policy.summary)],
      ["NGINX", cell(nginx.summary)],
      ["Worker bundle", cell(worker.summary)],
      ["Workflows and wrangler", cell(delivery.summary)],
    ],
  );
  return [
    REPORT_MARKER,
    `## Edge review: ${sideLabel(data.base)} → ${sideLabel(data.head)}`,
    "Synthesized offline (no Terraform, no network): resource changes come from the Terraform JSON, not from a plan.",
    summary,
    "## Effect per environment",
    effective.body,
    "## Stacks",
    stacks.body,
    "## Policy",
    policy.body,
    "## NGINX",
    nginx.body,
    "## Worker bundle",
    worker.body,
    "## Workflows and wrangler",
    delivery.body,
  ]
    .join("\n\n")
    .concat("\n");
}
