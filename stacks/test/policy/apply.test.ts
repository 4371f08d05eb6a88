import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Lb, type LbConfig } from "@cdktf/provider-aws/lib/lb/index.js";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { afterEach, describe, expect, it } from "vitest";
import {
  applyPolicyPack,
  Compliance,
  edgePlatformPack,
  evaluateStack,
  type PolicyPack,
  type StackJson,
  suppress,
} from "../../src/policy/index.ts";

const outdirs: string[] = [];
afterEach(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Only the ALB rules, so fixtures stay small; synth goes through the real `app.synth()`. */
const ALB_PACK: PolicyPack = {
  name: "alb-only",
  entries: edgePlatformPack.entries.filter((e) => e.id.startsWith("ALB")),
};

const SECURE_ALB: LbConfig = {
  name: "edge",
  dropInvalidHeaderFields: true,
  enableDeletionProtection: true,
  accessLogs: { bucket: "edge-alb-logs", enabled: true },
};

function fixtureApp(stackName: string, build: (stack: TerraformStack) => void, pack: PolicyPack = ALB_PACK) {
  const outdir = mkdtempSync(join(tmpdir(), "policy-apply-"));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, stackName);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  const lines: string[] = [];
  applyPolicyPack(stack, { pack, log: (line) => lines.push(line) });
  const synthesized = () =>
    JSON.parse(readFileSync(join(outdir, "stacks", stackName, "cdk.tf.json"), "utf8")) as StackJson;
  return { app, stack, lines, synthesized };
}

describe("applyPolicyPack", () => {
  it("fails synth on an error finding, naming construct path, rule and fix", () => {
    const { app } = fixtureApp(
      "aws-edge-production",
      (s) => new Lb(s, "alb", { ...SECURE_ALB, dropInvalidHeaderFields: false }),
    );
    expect(() => app.synth()).toThrow(
      /\[error\] ALB3 \(CKV_AWS_131\) aws_lb\.alb at aws-edge-production\/alb: .*Fix: Set drop_invalid_header_fields = true/,
    );
  });

  it("lists every error finding, one per line", () => {
    const { app } = fixtureApp("aws-edge-production", (s) => new Lb(s, "alb", { name: "edge" }));
    const message = (() => {
      try {
        app.synth();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const id of ["ALB3", "ALB5", "ALB6"]) expect(message).toContain(`] ${id} `);
    expect(message).toContain("policy: 3 error finding(s) in aws-edge-production. Fix them, or where a rule");
  });

  it("refuses to register the pack twice on one stack", () => {
    const { stack } = fixtureApp("aws-edge-production", () => {});
    expect(() => applyPolicyPack(stack)).toThrow("applyPolicyPack(aws-edge-production): already applied");
  });

  it("prints warnings without failing (deletion protection outside production)", () => {
    const { app, lines } = fixtureApp(
      "aws-edge-staging",
      (s) => new Lb(s, "alb", { ...SECURE_ALB, enableDeletionProtection: false }),
    );
    expect(() => app.synth()).not.toThrow();
    expect(lines).toEqual([
      expect.stringMatching(/\[warning\] ALB6 \(CKV_AWS_150\) aws_lb\.alb at aws-edge-staging\/alb/),
    ]);
  });

  it("a suppression with a reason stops the failure, shows in the output and travels in cdk.tf.json", () => {
    const { app, lines, synthesized } = fixtureApp("aws-edge-production", (s) => {
      const alb = new Lb(s, "alb", { ...SECURE_ALB, accessLogs: undefined });
      suppress(alb, "ALB5", "Access logs go to the org-wide bucket configured by the landing zone");
    });
    expect(() => app.synth()).not.toThrow();
    expect(lines).toEqual([
      "policy aws-edge-production: [suppressed] ALB5 aws_lb.alb at aws-edge-production/alb: The ALB does not write access logs. " +
        "Reason: Access logs go to the org-wide bucket configured by the landing zone",
    ]);
    // A review tool evaluating the synthesized file (no cdktf) sees the same suppression.
    const result = evaluateStack(synthesized(), { pack: ALB_PACK });
    expect(result.stackName).toBe("aws-edge-production");
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => [f.ruleId, f.reason])).toEqual([
      ["ALB5", "Access logs go to the org-wide bucket configured by the landing zone"],
    ]);
  });

  it("a suppression on a parent construct covers the resources below it", () => {
    const { app, lines } = fixtureApp("aws-edge-production", (s) => {
      const edge = new Construct(s, "edge");
      new Lb(edge, "alb", { ...SECURE_ALB, dropInvalidHeaderFields: false });
      suppress(edge, "ALB3", "Legacy clients send underscores in header names until Q3");
    });
    expect(() => app.synth()).not.toThrow();
    expect(lines.join("\n")).toContain("[suppressed] ALB3 aws_lb.edge_alb_");
  });

  it("a suppression on the stack covers every block of the stack", () => {
    const { app, synthesized } = fixtureApp("aws-edge-production", (s) => {
      new Lb(s, "alb", { ...SECURE_ALB, dropInvalidHeaderFields: false });
      suppress(s, "ALB3", "Whole stack is a throwaway load test environment");
    });
    expect(() => app.synth()).not.toThrow();
    expect(evaluateStack(synthesized(), { pack: ALB_PACK }).suppressed).toHaveLength(1);
  });

  it("refuses a reason shorter than 10 characters", () => {
    const stack = new TerraformStack(new App({ outdir: tmpdir() }), "s");
    const alb = new Lb(stack, "alb", SECURE_ALB);
    expect(() => suppress(alb, "ALB5", "no logs")).toThrow(
      /suppress\(s\/alb, "ALB5"\): the reason "no logs" has 7 characters; write at least 10/,
    );
    expect(() => suppress(alb, "ALB5", "          ")).toThrow(/has 0 characters/);
  });

  it("a rule that throws becomes a finding, not a crash", () => {
    const entry = edgePlatformPack.entries[0];
    if (!entry) throw new Error("empty pack");
    const broken: PolicyPack = {
      name: "broken",
      entries: [
        {
          ...entry,
          id: "BROKEN1",
          rule: {
            name: "AlwaysThrows",
            check(block) {
              if (block.type === "aws_lb") throw new TypeError("cannot read properties of undefined");
              return Compliance.NOT_APPLICABLE;
            },
          },
        },
      ],
    };
    const { app } = fixtureApp("aws-edge-production", (s) => new Lb(s, "alb", SECURE_ALB), broken);
    expect(() => app.synth()).toThrow(
      /BROKEN1 .*aws_lb\.alb.*AlwaysThrows threw while evaluating this block: cannot read properties of undefined/,
    );
  });
});
