import { execFileSync } from "node:child_process";
import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider/index.js";
import { TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { evaluateStack, isProductionName } from "../../src/policy/core.ts";
import { suppress } from "../../src/policy/index.ts";
import { synthJson } from "./helpers.ts";

describe("evaluateStack", () => {
  it("reports a finding with address, construct path, Checkov id and fix", () => {
    const json = synthJson((stack) => new Lb(stack, "alb", { name: "edge" }), "aws-edge-staging");
    const { findings, stackName } = evaluateStack(json);
    expect(stackName).toBe("aws-edge-staging");
    const finding = findings.find((f) => f.ruleId === "ALB3");
    expect(finding).toMatchObject({
      address: "aws_lb.alb",
      path: "aws-edge-staging/alb",
      checkov: "CKV_AWS_131",
      severity: "error",
      ruleName: "ALBHttpDropInvalidHeaderEnabled",
    });
    expect(finding?.fix).toContain("drop_invalid_header_fields");
  });

  it("works on plain Terraform JSON without cdktf metadata (path falls back to the address)", () => {
    const json = {
      resource: {
        aws_lb: { public: { name: "edge", drop_invalid_header_fields: true } },
        aws_cloudwatch_log_group: { waf: { name: "aws-waf-logs-edge", retention_in_days: 0 } },
      },
      variable: { db_password: { type: "string", default: "hunter2hunter2" } },
    };
    const { findings, stackName } = evaluateStack(json, { stackName: "review-head" });
    expect(stackName).toBe("review-head");
    const ids = findings.map((f) => `${f.ruleId} ${f.path}`);
    expect(ids).toContain("CW2 aws_cloudwatch_log_group.waf");
    expect(ids).toContain("GEN1 var.db_password");
    expect(ids).toContain("GEN2 var.db_password");
    expect(ids).toContain("WAF1 aws_lb.public");
    expect(ids).not.toContain("ALB3 aws_lb.public");
  });

  it("honours suppressions written on variables and providers", () => {
    const json = synthJson((stack) => {
      const token = new TerraformVariable(stack, "api_token", { type: "string" });
      suppress(token, "GEN2", "CI injects it through TF_VAR_api_token only");
      const provider = new CloudflareProvider(stack, "cloudflare", { apiToken: "literal-token-value" });
      suppress(provider, "GEN1", "Fixture token of a throwaway test account");
    });
    const { findings, suppressed } = evaluateStack(json);
    expect(findings).toEqual([]);
    expect(suppressed.map((f) => `${f.ruleId} ${f.address}: ${f.reason}`)).toEqual([
      "GEN1 provider.cloudflare: Fixture token of a throwaway test account",
      "GEN2 var.api_token: CI injects it through TF_VAR_api_token only",
    ]);
  });

  it("takes production from the option, else from the stack name", () => {
    expect(["production-aws-edge", "aws-edge-prod", "prod"].map(isProductionName)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["staging-aws-edge", "product-catalog", "preprod-x"].map(isProductionName)).toEqual([
      false,
      false,
      false,
    ]);
    const json = synthJson((stack) => new Lb(stack, "alb", { name: "edge" }), "staging-aws-edge");
    const level = (production?: boolean) =>
      evaluateStack(json, production === undefined ? {} : { production }).findings.find(
        (f) => f.ruleId === "ALB6",
      )?.severity;
    expect([level(), level(true), level(false)]).toEqual(["warning", "error", "warning"]);
  });
});

describe("core.ts", () => {
  it("loads without cdktf or constructs (a review tool can import it on its own)", () => {
    const core = new URL("../../src/policy/core.ts", import.meta.url).href;
    const script = `
      import { registerHooks } from "node:module";
      const specifiers = [];
      registerHooks({ resolve(specifier, context, next) { specifiers.push(specifier); return next(specifier, context); } });
      const { evaluateStack } = await import(${JSON.stringify(core)});
      const { findings } = evaluateStack({ resource: { aws_lb: { alb: { name: "x" } } } });
      console.log(JSON.stringify({ specifiers, findings: findings.length }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }),
    );
    expect(out.findings).toBeGreaterThan(0);
    expect(out.specifiers.filter((s: string) => /cdktf|constructs/.test(s))).toEqual([]);
    expect(out.specifiers).toContain("./packs/edge-platform.ts");
  });
});
