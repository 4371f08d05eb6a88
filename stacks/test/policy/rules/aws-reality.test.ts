// Provider-reality rules (issue 11): each flags what applies and then silently does nothing.
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group/index.js";
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template/index.js";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic/index.js";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription/index.js";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue/index.js";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter/index.js";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl/index.js";
import { type TerraformStack, Token } from "cdktf";
import { agentConfig } from "../../../src/aws/cloudwatch-agent.ts";
import { describeRules } from "../helpers.ts";

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});
const CF = { header_name: "cf-connecting-ip", fallback_behavior: "MATCH" };
const wafRule = (name: string, statement: object): Wafv2WebAclRule => ({
  name,
  priority: name.length,
  action: { block: {} },
  statement,
  visibilityConfig: visibility(name),
});
const acl = (stack: TerraformStack, rule: Wafv2WebAclRule[]) =>
  new Wafv2WebAcl(stack, "acl", {
    name: "edge",
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: visibility("edge"),
    rule,
  });
const IP_SET = "arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/blocked/1";

const group = (stack: TerraformStack, version: string | ((lt: LaunchTemplate) => string)) => {
  const lt = new LaunchTemplate(stack, "web", { namePrefix: "web-", imageId: "ami-0123456789abcdef0" });
  return new AutoscalingGroup(stack, "pool", {
    minSize: 2,
    maxSize: 6,
    vpcZoneIdentifier: ["subnet-a", "subnet-b"],
    mixedInstancesPolicy: {
      launchTemplate: {
        launchTemplateSpecification: {
          launchTemplateId: lt.id,
          version: typeof version === "string" ? version : version(lt),
        },
      },
    },
    instanceRefresh: { strategy: "Rolling" },
  });
};

const alarm = (stack: TerraformStack, overrides: Partial<CloudwatchMetricAlarmConfig>) =>
  new CloudwatchMetricAlarm(stack, "alarm", {
    alarmName: "fixture",
    comparisonOperator: "GreaterThanThreshold",
    threshold: 80,
    period: 60,
    evaluationPeriods: 5,
    statistic: "Average",
    alarmActions: ["arn:aws:sns:eu-west-1:123456789012:oncall"],
    ...overrides,
  });
const agentParameter = (stack: TerraformStack, config: object) =>
  new SsmParameter(stack, "agent", {
    name: "AmazonCloudWatch-pools",
    type: "String",
    value: JSON.stringify(config).replaceAll("${", () => "$${"),
  });

describeRules([
  {
    id: "WAF7",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) =>
      acl(s, [
        wafRule("rate", {
          rate_based_statement: { limit: 5000, evaluation_window_sec: 60, aggregate_key_type: "IP" },
        }),
      ]),
    compliant: (s) =>
      acl(s, [
        wafRule("rate", {
          rate_based_statement: {
            limit: 5000,
            evaluation_window_sec: 60,
            aggregate_key_type: "FORWARDED_IP",
            forwarded_ip_config: CF,
          },
        }),
      ]),
  },
  {
    id: "WAF7",
    address: "aws_wafv2_web_acl.acl",
    violating: (s) =>
      acl(s, [
        wafRule("blocked", { not_statement: { statement: { ip_set_reference_statement: { arn: IP_SET } } } }),
      ]),
    compliant: (s) =>
      acl(s, [
        wafRule("blocked", {
          ip_set_reference_statement: {
            arn: IP_SET,
            ip_set_forwarded_ip_config: { ...CF, position: "FIRST" },
          },
        }),
      ]),
  },
  {
    id: "ASG8",
    address: "aws_autoscaling_group.pool",
    violating: (s) => group(s, "$Latest"),
    compliant: (s) => group(s, (lt) => Token.asString(lt.latestVersion)),
  },
  {
    id: "CW7",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        dimensions: { ReplicationGroupId: "shop-production-l2" },
      }),
    compliant: (s) =>
      alarm(s, {
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        dimensions: { CacheClusterId: "shop-production-l2-001" },
      }),
  },
  {
    id: "CW7",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        statistic: undefined,
        period: undefined,
        metricQuery: [
          { id: "e", expression: "m", returnData: true },
          {
            id: "m",
            metric: {
              namespace: "AWS/ApplicationELB",
              metricName: "HealthyHostCount",
              dimensions: { LoadBalancer: "app/edge/1" },
              period: 60,
              stat: "Minimum",
            },
          },
        ],
      }),
    compliant: (s) =>
      alarm(s, {
        namespace: "AWS/ApplicationELB",
        metricName: "HealthyHostCount",
        dimensions: { LoadBalancer: "app/edge/1", TargetGroup: "targetgroup/web/1" },
      }),
  },
  {
    // ALB page: RequestCountPerTarget is published by TargetGroup and by TargetGroup, LoadBalancer — never per AZ
    // (the table used to accept the AZ sets).
    id: "CW7",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "AWS/ApplicationELB",
        metricName: "RequestCountPerTarget",
        dimensions: {
          AvailabilityZone: "eu-west-1a",
          LoadBalancer: "app/edge/1",
          TargetGroup: "targetgroup/web/1",
        },
      }),
    compliant: (s) =>
      alarm(s, {
        namespace: "AWS/ApplicationELB",
        metricName: "RequestCountPerTarget",
        dimensions: { LoadBalancer: "app/edge/1", TargetGroup: "targetgroup/web/1" },
      }),
  },
  {
    // WAF pages: a regional ACL publishes per rule group as well (Region, RuleGroup, WebACL), which the table used
    // to refuse; the CloudFront combination (no Region) is still refused for the ALB's regional ACL.
    id: "CW7",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "AWS/WAFV2",
        metricName: "BlockedRequests",
        dimensions: { Rule: "ALL", WebACL: "edge" },
      }),
    compliant: (s) =>
      alarm(s, {
        namespace: "AWS/WAFV2",
        metricName: "BlockedRequests",
        dimensions: { Region: "eu-west-1", RuleGroup: "edge-managed", WebACL: "edge" },
      }),
  },
  {
    // Per rule of a rule group (Region, Rule, RuleGroup) and per label of the ACL are published too.
    id: "CW7",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "AWS/WAFV2",
        metricName: "CountedRequests",
        dimensions: { Region: "eu-west-1", WebACL: "edge", LabelNamespace: "awswaf:managed", Label: "bot" },
      }),
    compliant: (s) => {
      alarm(s, {
        namespace: "AWS/WAFV2",
        metricName: "CountedRequests",
        dimensions: { Region: "eu-west-1", Rule: "sqli", RuleGroup: "edge-managed" },
      });
      new CloudwatchMetricAlarm(s, "labels", {
        alarmName: "labels",
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        threshold: 0,
        namespace: "AWS/WAFV2",
        metricName: "BlockedRequests",
        dimensions: { Region: "eu-west-1", WebACL: "edge", LabelNamespace: "awswaf:managed", Label: "bot" },
        period: 60,
        statistic: "Sum",
        alarmActions: ["arn:aws:sns:eu-west-1:123456789012:alerts"],
      });
    },
  },
  {
    id: "CW8",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "CWAgent",
        metricName: "mem_used_percent",
        dimensions: { AutoScalingGroupName: "web" },
      }),
    compliant: (s) => {
      agentParameter(s, agentConfig());
      alarm(s, {
        namespace: "CWAgent",
        metricName: "mem_used_percent",
        dimensions: { AutoScalingGroupName: "web" },
      });
    },
  },
  {
    id: "CW8",
    address: "aws_cloudwatch_metric_alarm.alarm",
    // The agent runs, but publishes per instance only: no roll-up by the alarm's dimension set.
    violating: (s) => {
      const config = agentConfig() as { metrics: Record<string, unknown> };
      agentParameter(s, {
        ...config,
        metrics: { ...config.metrics, aggregation_dimensions: [["InstanceId"]] },
      });
      alarm(s, {
        namespace: "CWAgent",
        metricName: "mem_used_percent",
        dimensions: { AutoScalingGroupName: "web" },
      });
    },
    compliant: (s) => {
      new SqsQueue(s, "jobs", { name: "jobs" });
      alarm(s, {
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: "jobs" },
      });
    },
  },
  {
    id: "CW8",
    address: "aws_cloudwatch_metric_alarm.alarm",
    violating: (s) =>
      alarm(s, {
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: "jobs" },
      }),
    compliant: (s) => {
      new SqsQueue(s, "jobs", { name: "jobs" });
      alarm(s, {
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: "jobs" },
      });
    },
  },
  {
    id: "SNS1",
    address: "aws_sns_topic.alerts",
    violating: (s) => new SnsTopic(s, "alerts", { name: "alerts" }),
    compliant: (s) => {
      const topic = new SnsTopic(s, "alerts", { name: "alerts" });
      new SnsTopicSubscription(s, "oncall", {
        topicArn: topic.arn,
        protocol: "email",
        endpoint: "oncall@example.com",
      });
    },
  },
]);
