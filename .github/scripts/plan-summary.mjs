#!/usr/bin/env node
// Turns the output of `cdktf diff STACK` into a small summary a PR comment or a drift issue can show.
//   node .github/scripts/plan-summary.mjs --stack NAME --env ENV --exit-code N diff.log > summary.json
// Plain JavaScript: runs on the CI image's Node 20 and inside actions/github-script.
import { readFileSync } from "node:fs";
import { runCli } from "./cli.mjs";

/**
 * @typedef {"create" | "update" | "replace" | "destroy" | "read" | "changed-outside" | "deleted-outside"} ResourceAction
 * @typedef {{ address: string; action: ResourceAction }} ResourceChange
 * @typedef {{
 *   stack: string;
 *   env: string;
 *   status: "changes" | "no-changes" | "error";
 *   add: number; change: number; destroy: number; import: number;
 *   outputsChanged: boolean;
 *   resources: ResourceChange[];
 *   errors: string[];
 * }} PlanSummary
 */

/** Terraform's per-resource headline (`# aws_lb.web (web) will be created`) → our action name. */
const RESOURCE_HEADLINES = /** @type {const} */ ([
  [/ will be created$/, "create"],
  [/ will be updated in-place$/, "update"],
  [/ must be replaced$/, "replace"],
  [/ will be replaced, as requested$/, "replace"],
  [/ will be destroyed$/, "destroy"],
  [/ will be read during apply$/, "read"],
  [/ has changed$/, "changed-outside"],
  [/ has been deleted$/, "deleted-outside"],
]);

// Colour codes and the CLI spinner's cursor movements, which cdktf prints even without a TTY.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const SPINNER = /^\s*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\s+Processing\s*$/;

/**
 * Removes cdktf's left column (the stack name, or blanks of the same width) and terminal noise.
 * @param {string} log
 * @param {string} stack
 * @returns {string[]}
 */
export function cleanLines(log, stack) {
  const width = stack.length + 2;
  return log
    .replace(ANSI, "")
    .split(/\r?\n/)
    .filter((line) => !SPINNER.test(line))
    .map((line) => {
      if (line.startsWith(`${stack}  `)) return line.slice(width);
      if (line.startsWith(" ".repeat(width))) return line.slice(width);
      return line;
    });
}

/**
 * @param {string} log output of `cdktf diff` (stdout and stderr)
 * @param {{ stack: string; env: string; exitCode: number }} run
 * @returns {PlanSummary}
 */
export function summarizePlan(log, { stack, env, exitCode }) {
  const lines = cleanLines(log, stack);
  /** @type {PlanSummary} */
  const summary = {
    stack,
    env,
    status: "no-changes",
    add: 0,
    change: 0,
    destroy: 0,
    import: 0,
    outputsChanged: false,
    resources: [],
    errors: [],
  };
  let sawPlan = false;
  let sawNoChanges = false;
  for (const [index, line] of lines.entries()) {
    const text = line.trim();
    const counts = /^Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy\./.exec(
      text,
    );
    if (counts) {
      sawPlan = true;
      summary.import = Number(counts[1] ?? 0);
      summary.add = Number(counts[2]);
      summary.change = Number(counts[3]);
      summary.destroy = Number(counts[4]);
    }
    if (/^No changes\./.test(text)) sawNoChanges = true;
    if (/^Changes to Outputs:/.test(text)) summary.outputsChanged = true;
    const headline = /^# (\S+)(?: \([^)]*\))? (.+)$/.exec(text);
    if (headline) {
      const match = RESOURCE_HEADLINES.find(([pattern]) => pattern.test(` ${headline[2]}`));
      const address = headline[1] ?? "";
      if (match && !summary.resources.some((r) => r.address === address && r.action === match[1])) {
        summary.resources.push({ address, action: match[1] });
      }
    }
    // Terraform's error blocks: the headline plus the sentence that explains it.
    if (/^(?:│\s*)?Error: /.test(text)) {
      const detail = lines
        .slice(index + 1, index + 8)
        .map((l) => l.replace(/^│\s?/, "").trim())
        .find((l) => l && !/^on .* line \d+/.test(l) && !/^\d+:/.test(l));
      const message = text.replace(/^│\s*/, "") + (detail ? ` — ${detail}` : "");
      if (!summary.errors.includes(message)) summary.errors.push(message);
    }
  }
  if (exitCode !== 0 || (summary.errors.length > 0 && !sawPlan && !sawNoChanges)) {
    summary.status = "error";
    if (summary.errors.length === 0) summary.errors.push(`cdktf diff exited with code ${exitCode}`);
  } else if (sawPlan || summary.outputsChanged || summary.resources.some((r) => r.action !== "read")) {
    summary.status = "changes";
  }
  return summary;
}

/** @param {PlanSummary} s */
export function describeCounts(s) {
  if (s.status === "error") return "plan failed";
  if (s.status === "no-changes") return "no changes";
  const parts = [`${s.add} to add`, `${s.change} to change`, `${s.destroy} to destroy`];
  if (s.import > 0) parts.unshift(`${s.import} to import`);
  if (s.add + s.change + s.destroy + s.import === 0 && s.outputsChanged) return "outputs only";
  return parts.join(", ");
}

const ACTION_SIGN = {
  create: "+",
  update: "~",
  replace: "-/+",
  destroy: "-",
  read: "<=",
  "changed-outside": "!",
  "deleted-outside": "!",
};

/**
 * The resource list of one stack as a Markdown code block (diff-coloured on GitHub).
 * @param {PlanSummary} s
 * @param {number} [limit] most resources to list
 */
export function renderResourceList(s, limit = 60) {
  if (s.status === "error") return ["```text", ...s.errors, "```"].join("\n");
  if (s.resources.length === 0) return s.outputsChanged ? "_Only outputs change._" : "_Nothing to do._";
  const shown = s.resources.slice(0, limit).map((r) => `${ACTION_SIGN[r.action]} ${r.address} (${r.action})`);
  if (s.resources.length > limit) shown.push(`… and ${s.resources.length - limit} more (see the job log)`);
  return ["```diff", ...shown, "```"].join("\n");
}

runCli(
  import.meta.url,
  {
    usage: "plan-summary.mjs --stack NAME --env ENV --exit-code N LOGFILE",
    options: {
      stack: { type: "string" },
      env: { type: "string" },
      "exit-code": { type: "string", default: "0" },
    },
    positionals: 1,
  },
  ({ values, positionals: [file] }) => {
    const { stack, env } = values;
    if (typeof stack !== "string" || typeof env !== "string")
      throw new Error("usage: plan-summary.mjs --stack NAME --env ENV --exit-code N LOGFILE");
    const exitCode = Number(values["exit-code"]);
    const summary = summarizePlan(readFileSync(/** @type {string} */ (file), "utf8"), {
      stack,
      env,
      exitCode,
    });
    console.log(JSON.stringify(summary, null, 2));
  },
);
