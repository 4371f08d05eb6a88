// End to end on a tiny fixture workspace whose synth, renderer and worker build are small node scripts: a base
// and a head that differ in known ways, and a report that must name exactly those differences.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoFromTemplate, runCli, section, stackLines, type TestRepo } from "./helpers/git-repo.ts";

const TEMPLATE = fileURLToPath(new URL("./fixtures/workspace", import.meta.url));
const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const WORKER_ADDITION = "// a new feature that makes the bundle bigger\nexport const feature = 42;\n";

/** Alive and not a zombie (a killed orphan may wait a moment for its reaper). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function expectCleanedUp(repo: TestRepo) {
  expect(repo.git("worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  const scratch = join(repo.dir, ".cache", "review");
  expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
}

describe("review of the working tree against a base commit", () => {
  let repo: TestRepo;
  let base: string;
  let report: string;

  beforeAll(async () => {
    repo = repoFromTemplate(TEMPLATE);
    base = repo.git("rev-parse", "HEAD");
    repo.edit("model.json", () =>
      JSON.stringify({
        staging: { healthCheckInterval: 10, readTimeout: 60, queues: ["jobs"] },
        production: { healthCheckInterval: 30, readTimeout: 30, queues: ["jobs", "emails"] },
      }),
    );
    repo.edit("workers/edge/src/index.js", (text) => text + WORKER_ADDITION);
    const result = await runCli(repo.dir, ["--base", base]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    report = result.stdout;
  });
  afterAll(() => repo?.remove());

  it("lists exactly the added, removed and changed resources", () => {
    expect(stackLines(report)).toEqual([
      "### `app-production` — +1 −0 ~0",
      "**Added**",
      "- `aws_sqs_queue.emails`",
      "### `app-staging` — +0 −1 ~1",
      "**Removed**",
      "- `aws_sqs_queue.legacy`",
      "**Changed**",
      "- `aws_lb_target_group.web`",
      "  - `health_check.interval`: `15` → `10`",
    ]);
  });

  it("marks new findings, lists resolved ones and the suppressions", () => {
    const policy = section(report, "Policy");
    const rows = policy.split("\n").filter((line) => line.startsWith("| new") || line.startsWith("|  |"));
    expect(rows).toEqual([
      "| new | error | `SQS1` | `app-production` | `aws_sqs_queue.emails` | queue is not encrypted | set sqs_managed_sse_enabled |",
      "|  | warning | `TG1` | `app-production` | `aws_lb_target_group.web` | health check every 30 s is slow to notice a dead target | set healthCheck.intervalSeconds <= 12 |",
      "|  | `SQS1` | `app-production` | `aws_sqs_queue.jobs` | jobs carry no personal data |",
      "|  | `SQS1` | `app-staging` | `aws_sqs_queue.jobs` | jobs carry no personal data |",
    ]);
    expect(policy).toContain(
      "**Resolved since base**\n\n- `SQS1` on `app-staging` `aws_sqs_queue.legacy`\n- `TG1` on `app-staging` `aws_lb_target_group.web`",
    );
  });

  it("shows the NGINX change of production only, as a unified diff", () => {
    const nginx = section(report, "NGINX");
    expect(nginx).toContain("### `staging`\n\nNo change (2 files).");
    expect(nginx).toContain(
      [
        "```diff",
        "--- base/production/snippets/proxy.conf",
        "+++ head/production/snippets/proxy.conf",
        "@@ -1,3 +1,3 @@",
        " proxy_http_version 1.1;",
        "-proxy_read_timeout 60s;",
        "+proxy_read_timeout 30s;",
        ' proxy_set_header Connection "";',
        "```",
      ].join("\n"),
    );
    expect(nginx.match(/```diff/g)).toHaveLength(1);
  });

  it("reports the worker bundle size change without source maps", () => {
    const before = readFileSync(join(TEMPLATE, "workers/edge/src/index.js")).length;
    const after = before + Buffer.byteLength(WORKER_ADDITION);
    const worker = section(report, "Worker bundle");
    expect(worker).toContain(`| Bundle | ${before} B | ${after} B | +${after - before} B (+`);
    expect(worker).toMatch(/\| Gzipped \| \d+ B \| \d+ B \| \+\d+ B/);
  });

  it("names the compared trees and leaves no worktree or scratch files behind", () => {
    expect(report).toContain(`## Edge review: \`${base}\` (\`${base.slice(0, 7)}\`) → \`working tree\``);
    expect(report).toContain("+ uncommitted changes");
    expectCleanedUp(repo);
  });
});

describe("review between two refs where the base predates some pieces", () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = repoFromTemplate(TEMPLATE);
    // Rewrite history: the first commit has no NGINX renderer and no policy pack yet.
    rmSync(join(repo.dir, "stacks/src/policy"), { recursive: true });
    repo.edit("package.json", (text) => text.replace(/,\s*"nginx:render": "[^"]*"/, ""));
    repo.git("add", "-A");
    repo.git("commit", "-q", "--amend", "-m", "stacks only");
    repo.git("checkout", "-q", "HEAD@{1}", "--", ".");
    repo.commit("add the renderer and the policy pack");
  });
  afterAll(() => repo?.remove());

  it('says "not available at <ref>" for the pieces the base lacks', async () => {
    const result = await runCli(repo.dir, ["--base", "HEAD~1", "--head", "HEAD"]);
    expect(result.code).toBe(0);
    const report = result.stdout;
    expect(section(report, "NGINX")).toContain("NGINX: not available at `HEAD~1` (no `nginx:render` script)");
    expect(section(report, "Policy")).toContain(
      "Base: not available at `HEAD~1` (no stacks/src/policy/index.ts), so nothing is marked new.",
    );
    expect(section(report, "Stacks")).toContain("No stacks changed");
    expectCleanedUp(repo);
  });

  it("fails with a one-line reason on a bad ref, creating nothing", async () => {
    const result = await runCli(repo.dir, ["--base", "no-such-branch"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^review: unknown git ref "no-such-branch"/),
    ]);
    expectCleanedUp(repo);
  });
});

describe("a head that does not build, and an interrupted review", () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = repoFromTemplate(TEMPLATE);
  });
  afterAll(() => repo?.remove());

  it("reports a failing synth at the head instead of failing itself", async () => {
    repo.edit("model.json", (text) => text.replace('"healthCheckInterval": 15', '"healthCheckInterval": -1'));
    const result = await runCli(repo.dir, ["--base", "HEAD"]);
    repo.git("checkout", "-q", "--", "model.json");
    expect(result.code).toBe(0);
    expect(section(result.stdout, "Stacks")).toContain(
      "Stacks: failed at `working tree`: synth: staging.healthCheckInterval: -1 s must be from 1 to 300.",
    );
    expect(result.stdout).toContain("| Policy (head) | not available at `working tree` (synth failed) |");
    expect(section(result.stdout, "NGINX")).toContain("No change");
    expectCleanedUp(repo);
  });

  it("stops its steps and removes its trees when interrupted", async () => {
    const scratch = join(repo.dir, ".cache", "review");
    const child = spawn(process.execPath, [CLI, "--base", "HEAD"], {
      cwd: repo.dir,
      env: { ...process.env, FIXTURE_SYNTH_DELAY_MS: "60000" },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Wait (bounded, well inside the test's 60 s) until both trees' synth steps are running: on a loaded 2-core
    // machine, making two worktrees and reaching the synth step took longer than the 15 s once allowed here.
    const markers = () =>
      existsSync(scratch)
        ? readdirSync(scratch).flatMap((run) =>
            ["base", "head"]
              .map((side) => join(scratch, run, side, "synth-started"))
              .filter((f) => existsSync(f)),
          )
        : [];
    for (let i = 0; i < 800 && markers().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const synthPids = markers().map((file) => Number(readFileSync(file, "utf8")));
    expect(synthPids).toHaveLength(2);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    for (let i = 0; i < 200 && synthPids.some(isRunning); i++) await new Promise((r) => setTimeout(r, 50));
    expect(synthPids.filter(isRunning)).toEqual([]);
    expectCleanedUp(repo);
  });
});
