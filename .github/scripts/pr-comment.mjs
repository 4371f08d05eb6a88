#!/usr/bin/env node
// Builds the body of the one sticky pull-request comment: plan summaries first, then the offline review report.
//   node .github/scripts/pr-comment.mjs --plans DIR [--review review.md] [--note TEXT] [--run-url URL] [--sha SHA]
// Plain JavaScript: runs on the runner's own Node before any project set-up.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "./cli.mjs";
import { ENVIRONMENTS } from "./layout.mjs";
import { describeCounts, renderResourceList } from "./plan-summary.mjs";

/** GitHub rejects comment bodies above 65,536 characters; stay clear of it. */
export const COMMENT_LIMIT = 65_000;

/** @typedef {import("./plan-summary.mjs").PlanSummary} PlanSummary */

const STATUS_ICON = { "no-changes": "✅", changes: "📝", error: "❌" };

/**
 * @param {PlanSummary[]} plans
 * @returns {string}
 */
export function renderPlans(plans) {
  if (plans.length === 0) return "";
  const rows = plans.map(
    (p) => `| \`${p.stack}\` | ${p.env} | ${STATUS_ICON[p.status]} ${describeCounts(p)} |`,
  );
  const details = plans
    .filter((p) => p.status !== "no-changes")
    .map((p) =>
      [
        `<details><summary><code>${p.stack}</code> — ${describeCounts(p)}</summary>`,
        "",
        renderResourceList(p),
        "",
        "</details>",
      ].join("\n"),
    );
  return ["| Stack | Environment | Plan |", "| --- | --- | --- |", ...rows, "", ...details].join("\n");
}

/**
 * @param {{
 *   plans: PlanSummary[];
 *   review?: string;
 *   notes?: string[];
 *   runUrl?: string;
 *   sha?: string;
 *   limit?: number;
 * }} input
 * @returns {string}
 */
export function buildComment({ plans, review, notes = [], runUrl, sha, limit = COMMENT_LIMIT }) {
  /** @param {string} env Listed environments first, in their order; any other after them. */
  const rank = (env) => {
    const at = ENVIRONMENTS.indexOf(/** @type {any} */ (env));
    return at === -1 ? ENVIRONMENTS.length : at;
  };
  const sorted = [...plans].sort((a, b) => rank(a.env) - rank(b.env) || a.stack.localeCompare(b.stack));
  const source = [sha ? `commit \`${sha.slice(0, 7)}\`` : "", runUrl ? `[workflow run](${runUrl})` : ""]
    .filter(Boolean)
    .join(" · ");
  const head = [
    "## Edge platform — plans and review",
    source,
    "",
    "### Terraform plans (`cdktf diff`, read-only credentials)",
    sorted.length > 0 ? renderPlans(sorted) : "_No plan ran for this push._",
    ...notes.map((note) => `> ${note}`),
    "",
    "### Offline review (`pnpm review`)",
    "",
  ].join("\n");
  const body = review?.trim()
    ? nestHeadings(review.trim(), 2)
    : "_The review report was not produced; see the workflow run._";
  const room = limit - head.length - 200;
  if (body.length <= room) return `${head}${body}\n`;
  // Cut at a line break so no Markdown table row or code fence is split mid-line, and close an open fence.
  let cut = body.slice(0, Math.max(0, room)).replace(/\n[^\n]*$/, "");
  if ((cut.match(/^```/gm) ?? []).length % 2 === 1) cut += "\n```";
  const note = `\n\n> ✂️ Review report truncated: ${body.length - cut.length} of ${body.length} characters left out. The full report is in the workflow run's summary.\n`;
  return `${head}${cut}${note}`;
}

/**
 * Pushes Markdown headings `levels` deeper (at most h6) so an embedded report sits under the comment's own
 * `###` section; lines inside code fences are left alone.
 * @param {string} markdown
 * @param {number} levels
 */
export function nestHeadings(markdown, levels) {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return line;
      return line.replace(/^(#{1,6})(?= )/, (h) => "#".repeat(Math.min(6, h.length + levels)));
    })
    .join("\n");
}

/**
 * Reads every `*.json` plan summary below a folder (artifacts may be nested one folder per job).
 * @param {string} dir
 * @returns {PlanSummary[]}
 */
export function readPlans(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")));
}

runCli(
  import.meta.url,
  {
    usage: "pr-comment.mjs [--plans DIR] [--review FILE] [--note TEXT]... [--run-url URL] [--sha SHA]",
    options: {
      plans: { type: "string", default: "plans" },
      review: { type: "string" },
      note: { type: "string", multiple: true, default: [] },
      "run-url": { type: "string" },
      sha: { type: "string" },
    },
  },
  ({ values }) => {
    const text = (/** @type {unknown} */ value) => (typeof value === "string" ? value : undefined);
    const reviewFile = text(values.review);
    const body = buildComment({
      plans: readPlans(String(values.plans)),
      review: reviewFile && existsSync(reviewFile) ? readFileSync(reviewFile, "utf8") : undefined,
      notes: /** @type {string[]} */ (values.note),
      runUrl: text(values["run-url"]),
      sha: text(values.sha),
    });
    process.stdout.write(body);
  },
);
