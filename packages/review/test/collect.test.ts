import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { normalizePolicy } from "../src/collect/normalize-policy.ts";
import { failureReason, runScript, shellQuote, workspacePackageDir } from "../src/collect/run.ts";

describe("normalizePolicy", () => {
  it("flattens per-stack results and keeps rule, severity, address, path, info with detail, fix", () => {
    const result = normalizePolicy({
      "aws-edge-staging": {
        findings: [
          {
            ruleId: "ALB6",
            severity: "warning",
            address: "aws_lb.alb",
            path: "aws-edge-staging/alb",
            info: "The ALB has no deletion protection.",
            detail: "enable_deletion_protection is false",
            fix: "Set enable_deletion_protection = true.",
          },
        ],
        suppressed: [
          {
            ruleId: "WAF2",
            severity: "error",
            address: "aws_wafv2_web_acl.acl",
            info: "x",
            reason: "staging only",
          },
        ],
      },
    });
    expect(result).toEqual({
      findings: [
        {
          stack: "aws-edge-staging",
          ruleId: "ALB6",
          severity: "warning",
          address: "aws_lb.alb",
          constructPath: "aws-edge-staging/alb",
          info: "The ALB has no deletion protection. (enable_deletion_protection is false)",
          fix: "Set enable_deletion_protection = true.",
        },
      ],
      suppressed: [
        {
          stack: "aws-edge-staging",
          ruleId: "WAF2",
          severity: "error",
          address: "aws_wafv2_web_acl.acl",
          info: "x",
          reason: "staging only",
        },
      ],
    });
  });

  it("names what a malformed entry lacks and skips entries that are not objects", () => {
    const result = normalizePolicy({
      s: { findings: [{ ruleId: 7, info: "" }, "not a finding", null], suppressed: [{ ruleId: "R2" }] },
      t: "not a result",
    });
    expect(result).toEqual({
      findings: [{ stack: "s", ruleId: "(unnamed rule)", severity: "unknown", address: "", info: "" }],
      suppressed: [{ stack: "s", ruleId: "R2", severity: "unknown", address: "", info: "", reason: "" }],
    });
  });
});

describe("running package scripts", () => {
  const root = mkdtempSync(join(tmpdir(), "review-run-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const pkg = (dir: string, name: string, scripts: Record<string, string>) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, "package.json"), JSON.stringify({ name, scripts }));
  };
  pkg("", "root", { synth: "pnpm --filter @x/stacks synth", hello: "echo hello" });
  pkg("stacks", "@x/stacks", { synth: "node print-args.cjs" });
  writeFileSync(
    join(root, "stacks", "print-args.cjs"),
    "console.log(process.cwd(), process.argv.slice(2).join(','));\n",
  );

  it("finds a workspace package by name", () => {
    expect(workspacePackageDir(root, "@x/stacks")).toBe(join(root, "stacks"));
    expect(workspacePackageDir(root, "@x/none")).toBeUndefined();
  });

  it("runs a `pnpm --filter PKG SCRIPT` delegation in PKG itself, passing arguments through", async () => {
    const result = await runScript(root, "synth", ["--env", "it's"], root);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`${join(root, "stacks")} --env,it's`);
  });

  it("quotes arguments for the shell and keeps a failure to one line", () => {
    expect(shellQuote("--out")).toBe("--out");
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`);
    const reason = failureReason({
      code: 1,
      stdout: "",
      stderr:
        "\u001b[31mError: pools.web.port: 70000 must be from 1 to 65535\u001b[39m\n    at main (src/main.ts:3:9)\n",
    });
    expect(reason).toBe("Error: pools.web.port: 70000 must be from 1 to 65535");
  });
});
