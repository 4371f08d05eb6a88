// Drift issues: one per drifted stack, opened, updated while drifted, closed when clean, untouched on errors.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { driftIssueTitle, planIssueActions } from "@edge/ci-scripts/drift-issues";
import { summarizePlan } from "@edge/ci-scripts/plan-summary";
import { describe, expect, it } from "vitest";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/cdktf-diff/${name}.txt`, import.meta.url)), "utf8");
const plan = (name: string, stack: string, exitCode = 0) =>
  summarizePlan(fixture(name).replaceAll("aws-compute-staging", stack), { stack, env: "staging", exitCode });
const run = { runUrl: "https://github.com/o/r/actions/runs/7", now: "2026-11-23T05:23:00.000Z" };

describe("planIssueActions", () => {
  it("opens an issue for a newly drifted stack, titled by stack, with the changes and the run", () => {
    const [action] = planIssueActions([plan("changes", "staging-aws-compute")], [], run);
    expect(action).toMatchObject({ kind: "create", stack: "staging-aws-compute" });
    if (action?.kind !== "create") throw new Error("expected create");
    expect(action.title).toBe("Infrastructure drift: staging-aws-compute");
    expect(action.body).toContain("**2 to add, 1 to change, 2 to destroy**");
    expect(action.body).toContain("~ terraform_data.pool-web (update)");
    expect(action.body).toContain(
      "Last checked: 2026-11-23T05:23:00.000Z — [workflow run](https://github.com/o/r/actions/runs/7)",
    );
  });

  it("updates the open issue of a stack that is still drifted instead of opening another", () => {
    const open = [{ number: 12, title: driftIssueTitle("staging-aws-compute") }];
    const [action] = planIssueActions([plan("changes", "staging-aws-compute")], open, run);
    expect(action).toMatchObject({ kind: "update", number: 12 });
  });

  it("closes the issue of a stack that is clean again, with a comment saying when", () => {
    const open = [{ number: 12, title: driftIssueTitle("staging-aws-compute") }];
    const [action] = planIssueActions([plan("clean", "staging-aws-compute")], open, run);
    expect(action).toMatchObject({ kind: "close", number: 12 });
    if (action?.kind !== "close") throw new Error("expected close");
    expect(action.comment).toContain("found no changes at 2026-11-23T05:23:00.000Z");
  });

  it("does nothing for a clean stack without an issue, and leaves issues alone when the plan failed", () => {
    const open = [{ number: 3, title: driftIssueTitle("staging-aws-edge") }];
    const actions = planIssueActions(
      [plan("clean", "staging-cloudflare-edge"), plan("error", "staging-aws-edge", 1)],
      open,
      run,
    );
    expect(actions.map((a) => a.kind)).toEqual(["keep", "keep"]);
    expect(actions[1]).toMatchObject({ number: 3 });
    if (actions[1]?.kind !== "keep") throw new Error("expected keep");
    expect(actions[1].reason).toMatch(/Reference to undeclared input variable/);
  });

  it("matches issues by exact title, so one stack's issue never closes another's", () => {
    const open = [{ number: 5, title: driftIssueTitle("staging-aws-edge") }];
    const actions = planIssueActions([plan("changes", "staging-aws-edge-extra")], open, run);
    expect(actions[0]?.kind).toBe("create");
  });
});
