// The sticky PR comment body: plans first, then the review report, always under GitHub's size limit.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizePlan } from "@edge/ci-scripts/plan-summary";
import {
  buildComment,
  COMMENT_LIMIT,
  nestHeadings,
  readPlans,
  renderPlans,
} from "@edge/ci-scripts/pr-comment";
import { afterAll, describe, expect, it } from "vitest";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/cdktf-diff/${name}.txt`, import.meta.url)), "utf8");
/** A real captured plan, as if it came from another stack. */
const plan = (name: string, stack: string, env: string, exitCode = 0) =>
  summarizePlan(fixture(name).replaceAll("aws-compute-staging", stack), { stack, env, exitCode });

const plans = [
  plan("clean", "production-aws-edge", "production"),
  plan("changes", "staging-aws-compute", "staging"),
  plan("error", "production-aws-compute", "production", 1),
  plan("clean", "staging-aws-edge", "staging"),
];

describe("buildComment", () => {
  const body = buildComment({
    plans,
    review: "## Review\n\n| stack | added |\n| --- | --- |\n| staging-aws-edge | 1 |\n",
    runUrl: "https://github.com/o/r/actions/runs/1",
    sha: "0123456789abcdef",
  });

  it("names the commit and the run", () => {
    expect(body).toContain("commit `0123456` · [workflow run](https://github.com/o/r/actions/runs/1)");
  });

  it("lists staging before production, each stack with its result", () => {
    const rows = body.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows).toEqual([
      "| `staging-aws-compute` | staging | 📝 2 to add, 1 to change, 2 to destroy |",
      "| `staging-aws-edge` | staging | ✅ no changes |",
      "| `production-aws-compute` | production | ❌ plan failed |",
      "| `production-aws-edge` | production | ✅ no changes |",
    ]);
  });

  it("details only the stacks with changes or errors", () => {
    expect(body.match(/<details>/g)).toHaveLength(2);
    expect(body).toContain("+ terraform_data.pool-websocket (create)");
    expect(body).toContain("Error: Reference to undeclared input variable");
  });

  it("ends with the review report", () => {
    expect(body.indexOf("### Offline review")).toBeGreaterThan(body.indexOf("### Terraform plans"));
    expect(body.trimEnd().endsWith("| staging-aws-edge | 1 |")).toBe(true);
  });

  it("says when no plan ran and when the review is missing, with the notes given", () => {
    const empty = buildComment({ plans: [], notes: ["Plan jobs: skipped."] });
    expect(empty).toContain("_No plan ran for this push._");
    expect(empty).toContain("> Plan jobs: skipped.");
    expect(empty).toContain("_The review report was not produced; see the workflow run._");
  });

  it("truncates a huge review at a line break, closes an open code fence, and stays under the limit", () => {
    const huge = [
      "```text",
      ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${"x".repeat(40)}`),
      "```",
    ].join("\n");
    const cut = buildComment({ plans, review: huge });
    expect(cut.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(cut).toContain("| `staging-aws-compute` |"); // plans survive the cut
    expect(cut).toMatch(/Review report truncated: \d+ of \d+ characters left out/);
    expect((cut.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(cut).toMatch(/line \d+ x{40}\n```\n\n> ✂️/);
  });
});

describe("readPlans", () => {
  const dir = mkdtempSync(join(tmpdir(), "pr-comment-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the summaries of every downloaded artifact folder and ignores other files", () => {
    mkdirSync(join(dir, "pr-plan-staging"));
    mkdirSync(join(dir, "pr-review"));
    writeFileSync(join(dir, "pr-plan-staging", "staging-aws-edge.json"), JSON.stringify(plans[3]));
    writeFileSync(join(dir, "pr-review", "review.md"), "# review");
    expect(readPlans(dir).map((p) => p.stack)).toEqual(["staging-aws-edge"]);
    expect(readPlans(join(dir, "missing"))).toEqual([]);
    expect(renderPlans(readPlans(dir))).toContain("| `staging-aws-edge` | staging | ✅ no changes |");
  });
});

describe("pr-comment.mjs on the command line, as the comment job calls it", () => {
  const dir = mkdtempSync(join(tmpdir(), "pr-comment-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = fileURLToPath(new URL("../../.github/scripts/pr-comment.mjs", import.meta.url));

  it("reads the downloaded artifacts, takes repeated --note options and prints the body", () => {
    mkdirSync(join(dir, "pr-plan-production"));
    writeFileSync(join(dir, "pr-plan-production", "production-aws-compute.json"), JSON.stringify(plans[2]));
    const body = execFileSync(
      process.execPath,
      [script, "--plans", dir, "--review", join(dir, "pr-review/review.md"), "--sha", "feedface00"].concat([
        "--note",
        "Synth and review job: failure.",
        "--note",
        "Plan jobs: failure.",
      ]),
      { encoding: "utf8" },
    );
    expect(body).toContain("commit `feedfac`");
    expect(body).toContain("| `production-aws-compute` | production | ❌ plan failed |");
    expect(body).toContain("> Synth and review job: failure.\n> Plan jobs: failure.");
    expect(body).toContain("_The review report was not produced; see the workflow run._");
  });
});

describe("nestHeadings", () => {
  it("puts the review's headings under the comment's own section, leaving code fences alone", () => {
    const md = ["## Stacks", "text", "```diff", "## not a heading", "```", "###### deep"].join("\n");
    expect(nestHeadings(md, 2).split("\n")).toEqual([
      "#### Stacks",
      "text",
      "```diff",
      "## not a heading",
      "```",
      "###### deep",
    ]);
  });
});
