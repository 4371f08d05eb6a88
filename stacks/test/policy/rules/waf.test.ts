import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl/index.js";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration/index.js";
import type { TerraformStack } from "cdktf";
import { describeRules } from "../helpers.ts";

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const managed = (name: string, priority: number, extra: Record<string, unknown> = {}): Wafv2WebAclRule => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managed_rule_group_statement: { vendor_name: "AWS", name, ...extra } },
  visibilityConfig: visibility(name),
});

const RATE_LIMIT: Wafv2WebAclRule = {
  name: "rate-limit",
  priority: 30,
  action: { block: {} },
  statement: { rate_based_statement: { limit: 5000, evaluation_window_sec: 60, aggregate_key_type: "IP" } },
  visibilityConfig: visibility("rate-limit"),
};

const SECURE_RULES = [
  managed("AWSManagedRulesCommonRuleSet", 10),
  managed("AWSManagedRulesKnownBadInputsRuleSet", 20),
  RATE_LIMIT,
];

const acl = (
  stack: TerraformStack,
  rule: Wafv2WebAclRule[] = SECURE_RULES,
  aclVisibility = visibility("edge"),
) =>
  new Wafv2WebAcl(stack, "acl", {
    name: "edge",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: aclVisibility,
    rule,
  });

const alb = (stack: TerraformStack, internal = false) =>
  new Lb(stack, "alb", { name: "edge", internal, dropInvalidHeaderFields: true });

describeRules([
  {
    id: "WAF1",
    address: "aws_lb.alb",
    violating: (s) => {
      alb(s);
      acl(s);
    },
    compliant: (s) =>
      new Wafv2WebAclAssociation(s, "assoc", { resourceArn: alb(s).arn, webAclArn: acl(s).arn }),
  },
  {
    // Internal ALBs are out of scope.
    id: "WAF1",
    address: "aws_lb.alb",
    violating: (s) => alb(s),
    compliant: (s) => alb(s, true),
  },
  {
    id: "WAF2",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) => acl(s),
    compliant: (s) =>
      new Wafv2WebAclLoggingConfiguration(s, "logging", {
        resourceArn: acl(s).arn,
        logDestinationConfigs: ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-edge"],
      }),
  },
  {
    id: "WAF3",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) =>
      acl(s, [{ ...managed("AWSManagedRulesCommonRuleSet", 10), overrideAction: { count: {} } }]),
    compliant: (s) => acl(s),
  },
  {
    id: "WAF4",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) =>
      acl(s, [
        managed("AWSManagedRulesKnownBadInputsRuleSet", 20, {
          rule_action_override: [{ name: "Log4JRCE", action_to_use: { count: {} } }],
        }),
      ]),
    compliant: (s) => acl(s),
  },
  {
    id: "WAF5",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) => acl(s, [{ ...RATE_LIMIT, action: { count: {} } }]),
    compliant: (s) => acl(s),
  },
  {
    id: "WAF6",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) =>
      acl(s, [{ ...RATE_LIMIT, visibilityConfig: { ...visibility("r"), sampledRequestsEnabled: false } }]),
    compliant: (s) => acl(s),
  },
]);
