import { Lb, type LbConfig } from "@cdktf/provider-aws/lib/lb/index.js";
import { LbListener, type LbListenerConfig } from "@cdktf/provider-aws/lib/lb-listener/index.js";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule/index.js";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group/index.js";
import { Fn, type TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { synthStacks } from "../../synth.ts";
import { describeRules, evaluateRule, input } from "../helpers.ts";

const SECURE_ALB: LbConfig = {
  name: "edge",
  loadBalancerType: "application",
  dropInvalidHeaderFields: true,
  enableDeletionProtection: true,
  accessLogs: { bucket: "edge-alb-logs", enabled: true },
  subnets: ["subnet-a", "subnet-b"],
};
const alb = (stack: TerraformStack, overrides: Partial<LbConfig> = {}) =>
  (stack.node.tryFindChild("alb") as Lb | undefined) ?? new Lb(stack, "alb", { ...SECURE_ALB, ...overrides });

const httpsListener = (stack: TerraformStack, overrides: Partial<LbListenerConfig> = {}) =>
  new LbListener(stack, "https", {
    loadBalancerArn: alb(stack).arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: input(stack, "certificate_arn"),
    defaultAction: [
      { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } },
    ],
    ...overrides,
  });

const REDIRECT = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const httpListener = (stack: TerraformStack, action: LbListenerConfig["defaultAction"]) =>
  new LbListener(stack, "http", {
    loadBalancerArn: alb(stack).arn,
    port: 80,
    protocol: "HTTP",
    defaultAction: action,
  });

/** The accepted origin-auth values as the stacks pass them: sensitive variables, compacted into one list. */
const originAuthValues = (stack: TerraformStack, sensitive = true) => {
  const current = new TerraformVariable(stack, "origin_auth_secret_current", { type: "string", sensitive });
  const next = new TerraformVariable(stack, "origin_auth_secret_next", {
    type: "string",
    sensitive,
    default: "",
  });
  return Fn.compact([current.stringValue, next.stringValue]);
};
const forwardRule = (stack: TerraformStack, header?: { httpHeaderName: string; values: string[] }) =>
  new LbListenerRule(stack, "api", {
    listenerArn: httpsListener(stack).arn,
    priority: 10,
    condition: [{ pathPattern: { values: ["/api/*"] } }, ...(header ? [{ httpHeader: header }] : [])],
    action: [{ type: "forward", targetGroupArn: "arn:tg" }],
  });

describeRules([
  {
    // A forwarding rule without the header: another Cloudflare customer's zone reaches the targets.
    id: "ALB9",
    address: "aws_lb_listener_rule.api",
    violating: (s) => forwardRule(s),
    compliant: (s) => forwardRule(s, { httpHeaderName: "X-Origin-Auth", values: originAuthValues(s) }),
  },
  {
    // The header with literal values is a secret in the repository.
    id: "ALB9",
    address: "aws_lb_listener_rule.api",
    violating: (s) => forwardRule(s, { httpHeaderName: "X-Origin-Auth", values: ["0123abcd"] }),
    compliant: (s) => forwardRule(s, { httpHeaderName: "X-Origin-Auth", values: originAuthValues(s) }),
  },
  {
    // Values from variables that are not sensitive are printed in every plan.
    id: "ALB9",
    address: "aws_lb_listener_rule.api",
    violating: (s) => forwardRule(s, { httpHeaderName: "X-Origin-Auth", values: originAuthValues(s, false) }),
    compliant: (s) => forwardRule(s, { httpHeaderName: "X-Origin-Auth", values: originAuthValues(s) }),
  },
  {
    // An HTTPS listener whose default action forwards lets anyone through: its default rule has no conditions.
    id: "ALB9",
    address: "aws_lb_listener.https",
    violating: (s) => httpsListener(s, { defaultAction: [{ type: "forward", targetGroupArn: "arn:tg" }] }),
    compliant: (s) => httpsListener(s),
  },
  {
    id: "ALB1",
    address: "aws_lb_listener.https",
    violating: (s) => httpsListener(s, { sslPolicy: "ELBSecurityPolicy-2016-08" }),
    compliant: (s) => httpsListener(s),
  },
  {
    id: "ALB1",
    address: "aws_lb_listener.https",
    violating: (s) => httpsListener(s, { sslPolicy: undefined }),
    compliant: (s) => httpsListener(s, { sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }),
  },
  {
    id: "ALB2",
    address: "aws_lb_listener.http",
    violating: (s) => httpListener(s, [{ type: "forward", targetGroupArn: "arn:tg" }]),
    compliant: (s) => httpListener(s, [REDIRECT]),
  },
  {
    // A forwarding listener rule on the redirecting HTTP listener still serves plain HTTP.
    id: "ALB2",
    address: "aws_lb_listener.http",
    violating: (s) => {
      const http = httpListener(s, [REDIRECT]);
      new LbListenerRule(s, "api", {
        listenerArn: http.arn,
        priority: 10,
        condition: [{ pathPattern: { values: ["/api/*"] } }],
        action: [{ type: "forward", targetGroupArn: "arn:tg" }],
      });
    },
    compliant: (s) => {
      const https = httpsListener(s);
      httpListener(s, [REDIRECT]);
      new LbListenerRule(s, "api", {
        listenerArn: https.arn,
        priority: 10,
        condition: [{ pathPattern: { values: ["/api/*"] } }],
        action: [{ type: "forward", targetGroupArn: "arn:tg" }],
      });
    },
  },
  {
    id: "ALB3",
    address: "aws_lb.alb",
    violating: (s) => alb(s, { dropInvalidHeaderFields: false }),
    compliant: (s) => alb(s),
  },
  {
    id: "ALB4",
    address: "aws_lb.alb",
    violating: (s) => alb(s, { desyncMitigationMode: "monitor" }),
    compliant: (s) => alb(s, { desyncMitigationMode: "strictest" }),
  },
  {
    id: "ALB5",
    address: "aws_lb.alb",
    violating: (s) => alb(s, { accessLogs: { bucket: "edge-alb-logs", enabled: false } }),
    compliant: (s) => alb(s),
  },
  {
    id: "ALB5",
    address: "aws_lb.alb",
    violating: (s) => alb(s, { accessLogs: undefined }),
    compliant: (s) => alb(s, { accessLogs: { bucket: input(s, "log_bucket") } }),
  },
  {
    id: "ALB6",
    address: "aws_lb.alb",
    violating: (s) => alb(s, { enableDeletionProtection: false }),
    compliant: (s) => alb(s),
  },
  {
    id: "ALB7",
    address: "aws_lb_target_group.web",
    violating: (s) =>
      new LbTargetGroup(s, "web", { name: "web", port: 3000, protocol: "HTTP", vpcId: "vpc-1" }),
    compliant: (s) =>
      new LbTargetGroup(s, "web", {
        name: "web",
        port: 3000,
        protocol: "HTTP",
        vpcId: "vpc-1",
        healthCheck: { enabled: true, path: "/healthz", matcher: "200" },
      }),
  },
  {
    id: "ALB8",
    address: "aws_lb_listener.https",
    violating: (s) => httpsListener(s, { certificateArn: undefined }),
    compliant: (s) => httpsListener(s),
  },
]);

describe("ALB9 on the real stacks", () => {
  it("passes the default model's aws-edge stacks (forwards require the header, the default action is a 403)", () => {
    const stacks = synthStacks({ layers: ["aws-edge"] });
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    for (const [name, json] of Object.entries(stacks)) {
      expect(evaluateRule("ALB9", json).findings, name).toEqual([]);
    }
  });
});
