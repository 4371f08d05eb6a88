// End to end on a clone of THIS repository: real cdktf synth, the real policy pack, NGINX renderer and wrangler
// build. The head differs from the base in three known ways (a model value, one added and one removed resource)
// and the report must name exactly those.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkNodeModules } from "../src/collect/link-node-modules.ts";
import { openRepo, runCli, section, type TestRepo } from "./helpers/git-repo.ts";

const REPO_ROOT = execFileSync("git", ["rev-parse", "--show-toplevel"], {
  cwd: fileURLToPath(new URL(".", import.meta.url)),
  encoding: "utf8",
}).trim();
const SYNTH_MAIN = "stacks/src/main.ts";
const DEFAULTS = "packages/platform/examples/shop/product.ts";

/** Adds one SQS queue named `id` to the alphabetically first AWS stack, just before the app synthesizes. */
function injectQueue(source: string, id: string): string {
  const anchor = "  app.synth();";
  if (!source.includes(anchor))
    throw new Error(`${SYNTH_MAIN} no longer contains "${anchor}": update this test`);
  const inject = [
    `  const reviewTarget = app.node.children.map((c) => c.node.id).filter((n) => n.includes("aws")).sort()[0]!;`,
    `  new ReviewQueue(app.node.findChild(reviewTarget), "${id}", { name: "${id}" });`,
  ].join("\n");
  const imports = `import { SqsQueue as ReviewQueue } from "@cdktf/provider-aws/lib/sqs-queue/index.js";\n`;
  return imports + source.replace(anchor, `${inject}\n${anchor}`);
}

interface StackBlock {
  heading: string;
  lines: string[];
}

/** Stacks section → changed stack name → its lines; plus every stack name the report mentions. */
function parseStacks(report: string) {
  const changed = new Map<string, StackBlock>();
  let current: StackBlock | undefined;
  let all: string[] = [];
  for (const line of section(report, "Stacks").split("\n")) {
    const heading = line.match(/^### `([^`]+)`/);
    if (heading) {
      current = { heading: line, lines: [] };
      changed.set(heading[1]!, current);
    } else if (line.startsWith("Unchanged: ")) {
      all = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      current = undefined;
    } else if (current && line.trim()) current.lines.push(line);
  }
  return { changed, all: [...all, ...changed.keys()].sort() };
}

describe("review of a change to this repository", () => {
  let workdir: string;
  let repo: TestRepo;
  let report: string;
  let oldInterval: number;
  const newInterval = 10;

  beforeAll(async () => {
    workdir = mkdtempSync(join(tmpdir(), "edge-review-repo-"));
    const clone = join(workdir, "repo");
    execFileSync("git", ["clone", "-q", "--shared", REPO_ROOT, clone]);
    linkNodeModules(REPO_ROOT, clone);
    repo = openRepo(clone);
    repo.edit(SYNTH_MAIN, (text) => injectQueue(text, "review-e2e-removed"));
    const base = repo.commit("e2e base: one extra queue");
    // The head (working tree, uncommitted): the queue replaced by another, and the api pool checked more often.
    repo.edit(SYNTH_MAIN, (text) => text.replaceAll("review-e2e-removed", "review-e2e-added"));
    repo.edit(DEFAULTS, (text) =>
      text.replace(
        /(\n {2}pools: \{[\s\S]*?\n {4}api: \{[\s\S]*?intervalSeconds: )(\d+)/,
        (_, head: string, value: string) => {
          oldInterval = Number(value);
          return `${head}${newInterval}`;
        },
      ),
    );
    expect(oldInterval).toBeGreaterThan(newInterval);
    const result = await runCli(clone, ["--base", base]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    report = result.stdout;
  }, 180_000);
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it("names exactly the added and removed resource and the changed health check", () => {
    const { changed, all } = parseStacks(report);
    const target = all.filter((name) => name.includes("aws")).sort()[0]!;
    const withTargetGroups = all.filter((name) => name.includes("aws-edge"));
    expect(withTargetGroups.length).toBeGreaterThan(0);
    expect([...changed.keys()].sort()).toEqual([...new Set([target, ...withTargetGroups])].sort());
    for (const [name, block] of changed) {
      const expected: string[] = [];
      if (name === target) {
        expected.push(
          "**Added**",
          "- `aws_sqs_queue.review-e2e-added`",
          "**Removed**",
          "- `aws_sqs_queue.review-e2e-removed`",
        );
      }
      if (withTargetGroups.includes(name)) {
        const group = block.lines.find((line) => line.startsWith("- `aws_lb_target_group."));
        expect(group, `${name}: changed target group`).toMatch(/api/);
        expect(block.heading).toMatch(/~1$/);
        expected.push(
          "**Changed**",
          group!,
          `  - \`health_check.interval\`: \`${oldInterval}\` → \`${newInterval}\``,
        );
      }
      expect(block.lines, name).toEqual(expected);
    }
  });

  it("marks as new only findings about the added resource", () => {
    const policy = section(report, "Policy");
    expect(policy).not.toContain("not available");
    for (const row of policy.split("\n").filter((line) => line.startsWith("| new |"))) {
      expect(row).toContain("review-e2e-added");
    }
    const resolved = policy.split("**Resolved since base**")[1]?.split("**Suppressed**")[0] ?? "";
    for (const line of resolved.split("\n").filter((l) => l.startsWith("- ")))
      expect(line).toContain("review-e2e-removed");
  });

  it("shows no NGINX or worker change, since neither reads the changed value", () => {
    const nginx = section(report, "NGINX");
    if (!nginx.includes("not available")) {
      expect(nginx).not.toContain("```diff");
      expect(nginx).toMatch(/No change/);
    }
    const worker = section(report, "Worker bundle");
    expect(worker).toMatch(/\| Bundle \| [\d,]+ B[^|]* \| [\d,]+ B[^|]* \| ±0 B \|/);
    expect(worker).toMatch(/\| Gzipped \| [\d,]+ B[^|]* \| [\d,]+ B[^|]* \| ±0 B \|/);
  });

  it("removes its worktree and scratch trees", () => {
    expect(repo.git("worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });
});
