// The plan summary read from real `cdktf diff` output (fixtures/cdktf-diff, see its README).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cleanLines, describeCounts, renderResourceList, summarizePlan } from "@edge/ci-scripts/plan-summary";
import { describe, expect, it } from "vitest";

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/cdktf-diff/${name}.txt`, import.meta.url));
const read = (name: string) => readFileSync(fixture(name), "utf8");
const compute = { stack: "aws-compute-staging", env: "staging", exitCode: 0 };

describe("summarizePlan", () => {
  it("a first plan: three resources to create", () => {
    const s = summarizePlan(read("add"), compute);
    expect(s).toMatchObject({ status: "changes", add: 3, change: 0, destroy: 0, import: 0, errors: [] });
    expect(s.resources).toEqual([
      { address: "terraform_data.pool-api", action: "create" },
      { address: "terraform_data.pool-legacy", action: "create" },
      { address: "terraform_data.pool-web", action: "create" },
    ]);
    expect(describeCounts(s)).toBe("3 to add, 0 to change, 0 to destroy");
  });

  it("update, replace, destroy and create in one plan; a replacement counts as add + destroy", () => {
    const s = summarizePlan(read("changes"), compute);
    expect(s).toMatchObject({ status: "changes", add: 2, change: 1, destroy: 2 });
    expect(s.resources).toEqual([
      { address: "terraform_data.pool-api", action: "replace" },
      { address: "terraform_data.pool-legacy", action: "destroy" },
      { address: "terraform_data.pool-web", action: "update" },
      { address: "terraform_data.pool-websocket", action: "create" },
    ]);
    expect(renderResourceList(s)).toBe(
      [
        "```diff",
        "-/+ terraform_data.pool-api (replace)",
        "- terraform_data.pool-legacy (destroy)",
        "~ terraform_data.pool-web (update)",
        "+ terraform_data.pool-websocket (create)",
        "```",
      ].join("\n"),
    );
  });

  it("a deployed stack: no changes", () => {
    const s = summarizePlan(read("clean"), compute);
    expect(s).toMatchObject({
      status: "no-changes",
      add: 0,
      change: 0,
      destroy: 0,
      resources: [],
      errors: [],
    });
    expect(describeCounts(s)).toBe("no changes");
  });

  it("only an output changes: still a change, described as such", () => {
    const s = summarizePlan(read("outputs-only"), { ...compute, stack: "aws-edge-staging" });
    expect(s).toMatchObject({ status: "changes", outputsChanged: true, resources: [] });
    expect(describeCounts(s)).toBe("outputs only");
    expect(renderResourceList(s)).toBe("_Only outputs change._");
  });

  it("a failed plan carries Terraform's error and its explanation", () => {
    const s = summarizePlan(read("error"), { ...compute, exitCode: 1 });
    expect(s.status).toBe("error");
    expect(s.errors[0]).toBe(
      'Error: Reference to undeclared input variable — An input variable with the name "missing" has not been declared. This',
    );
    expect(s.errors).toContain(
      "Error: External Error: Stack failed to plan: aws-compute-staging. Please check the logs for more information.",
    );
    expect(describeCounts(s)).toBe("plan failed");
  });

  it("a non-zero exit code is a failure even when the output looks clean", () => {
    const s = summarizePlan(read("clean"), { ...compute, exitCode: 137 });
    expect(s.status).toBe("error");
    expect(s.errors).toEqual(["cdktf diff exited with code 137"]);
  });

  it("reads the import count of an import plan", () => {
    const s = summarizePlan("x  Plan: 1 to import, 0 to add, 2 to change, 0 to destroy.\n", {
      ...compute,
      stack: "x",
    });
    expect(s).toMatchObject({ status: "changes", import: 1, add: 0, change: 2 });
    expect(describeCounts(s)).toBe("1 to import, 0 to add, 2 to change, 0 to destroy");
  });

  it("strips the stack-name column, colours and spinner lines", () => {
    const lines = cleanLines("\u001b[2Kstack  Plan: 1\n       more\n⠋  Processing\nother", "stack");
    expect(lines).toEqual(["Plan: 1", "more", "other"]);
  });

  it("lists at most the given number of resources", () => {
    const s = summarizePlan(read("changes"), compute);
    expect(renderResourceList(s, 2)).toMatch(/… and 2 more \(see the job log\)\n```$/);
  });
});

describe("plan-summary.mjs on the command line", () => {
  it("prints the summary as JSON and fails on bad usage", () => {
    const script = fileURLToPath(new URL("../../.github/scripts/plan-summary.mjs", import.meta.url));
    const out = execFileSync(
      process.execPath,
      [script, "--stack", "aws-compute-staging", "--env", "staging", "--exit-code", "0", fixture("changes")],
      { encoding: "utf8" },
    );
    expect(JSON.parse(out)).toMatchObject({ stack: "aws-compute-staging", status: "changes", destroy: 2 });
    expect(() => execFileSync(process.execPath, [script], { stdio: "pipe" })).toThrow(/usage: plan-summary/);
  });
});
