import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { App, TerraformStack } from "cdktf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateOutdir } from "../../src/policy/cli.ts";
import { suppress } from "../../src/policy/index.ts";

const CLI = fileURLToPath(new URL("../../src/policy/cli.ts", import.meta.url));
let outdir = "";

beforeAll(() => {
  // Synthesized without the policy hook, as a review of an older tree would find it.
  outdir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  const app = new App({ outdir });
  for (const [name, drop] of [
    ["staging-aws-edge", true],
    ["production-aws-edge", false],
  ] as const) {
    const stack = new TerraformStack(app, name);
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const alb = new Lb(stack, "alb", {
      name: "edge",
      dropInvalidHeaderFields: drop,
      accessLogs: { bucket: "logs", enabled: true },
      enableDeletionProtection: drop,
    });
    suppress(alb, "WAF1", "The fixture has no web ACL on purpose");
  }
  app.synth();
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("policy CLI", () => {
  it("evaluates every stack of a cdktf.out directory, production by name", () => {
    const results = evaluateOutdir(outdir);
    expect(Object.keys(results)).toEqual(["production-aws-edge", "staging-aws-edge"]);
    const summary = (name: string) => results[name]?.findings.map((f) => `${f.severity} ${f.ruleId}`);
    expect(summary("production-aws-edge")).toEqual(["error ALB3", "error ALB6"]);
    expect(summary("staging-aws-edge")).toEqual([]);
    expect(results["staging-aws-edge"]?.suppressed.map((f) => f.ruleId)).toEqual(["WAF1"]);
  });

  it("prints findings and exits 1 when an error remains", () => {
    let status = 0;
    let stdout = "";
    try {
      execFileSync(process.execPath, [CLI, outdir], { encoding: "utf8" });
    } catch (error) {
      ({ status, stdout } = error as { status: number; stdout: string });
    }
    expect(status).toBe(1);
    expect(stdout).toContain("production-aws-edge: 2 error(s), 0 warning(s), 1 suppressed");
    expect(stdout).toContain("[error] ALB3 (CKV_AWS_131) aws_lb.alb at production-aws-edge/alb");
    expect(stdout).toContain("[suppressed] WAF1 aws_lb.alb at staging-aws-edge/alb");
  });

  it("names the missing directory", () => {
    expect(() => evaluateOutdir(join(outdir, "nope"))).toThrow(
      /nope\/stacks does not exist: synthesize first/,
    );
  });
});
