import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { describe, expect, it } from "vitest";
import { evaluateStack } from "../../src/policy/core.ts";
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
    });
    expect(finding?.fix).toContain("drop_invalid_header_fields");
  });
});
