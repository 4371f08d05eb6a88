import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic/index.js";
import type { TerraformStack } from "cdktf";
import { describeRules } from "../helpers.ts";

const alarm = (stack: TerraformStack, overrides: Partial<CloudwatchMetricAlarmConfig> = {}) =>
  new CloudwatchMetricAlarm(stack, "cpu", {
    alarmName: "web-cpu-high",
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    statistic: "Average",
    comparisonOperator: "GreaterThanThreshold",
    threshold: 70,
    period: 60,
    evaluationPeriods: 3,
    alarmActions: ["arn:aws:sns:eu-west-1:123456789012:oncall"],
    ...overrides,
  });

const WIDGET = {
  type: "metric",
  x: 0,
  y: 0,
  width: 12,
  height: 6,
  properties: { metrics: [["AWS/EC2", "CPUUtilization"]] },
};

/** The stack's region (eu-west-1) and the us-east-1 provider the Route 53 alarms use. */
const providers = (stack: TerraformStack) => {
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return new AwsProvider(stack, "aws-us-east-1", { alias: "us_east_1", region: "us-east-1" });
};

describeRules([
  {
    id: "CW9",
    address: "aws_cloudwatch_metric_alarm.cpu",
    // A us-east-1 alarm notifying the model's topic of eu-west-1: PutMetricAlarm refuses it.
    violating: (s) => alarm(s, { provider: providers(s) }),
    compliant: (s) =>
      alarm(s, { provider: providers(s), alarmActions: ["arn:aws:sns:us-east-1:123456789012:oncall"] }),
  },
  {
    id: "CW9",
    address: "aws_cloudwatch_metric_alarm.cpu",
    // A topic of the stack made through the default (eu-west-1) provider, notified from us-east-1.
    violating: (s) => {
      const east = providers(s);
      alarm(s, { provider: east, alarmActions: [new SnsTopic(s, "alerts", { name: "alerts" }).arn] });
    },
    compliant: (s) => {
      const east = providers(s);
      const topic = new SnsTopic(s, "alerts", { name: "alerts", provider: east });
      alarm(s, { provider: east, alarmActions: [topic.arn], okActions: [topic.arn] });
    },
  },
  {
    id: "CW1",
    address: "aws_cloudwatch_metric_alarm.cpu",
    violating: (s) => alarm(s, { alarmActions: [] }),
    compliant: (s) => alarm(s),
  },
  {
    id: "CW1",
    address: "aws_cloudwatch_metric_alarm.cpu",
    violating: (s) => alarm(s, { actionsEnabled: false }),
    compliant: (s) => alarm(s, { actionsEnabled: true }),
  },
  {
    id: "CW2",
    address: "aws_cloudwatch_log_group.waf",
    violating: (s) => new CloudwatchLogGroup(s, "waf", { name: "aws-waf-logs-edge" }),
    compliant: (s) => new CloudwatchLogGroup(s, "waf", { name: "aws-waf-logs-edge", retentionInDays: 30 }),
  },
  {
    id: "CW3",
    address: "aws_cloudwatch_log_group.waf",
    violating: (s) => new CloudwatchLogGroup(s, "waf", { name: "aws-waf-logs-edge", retentionInDays: 30 }),
    compliant: (s) =>
      new CloudwatchLogGroup(s, "waf", {
        name: "aws-waf-logs-edge",
        retentionInDays: 30,
        kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc",
      }),
  },
  {
    id: "CW4",
    address: "aws_cloudwatch_dashboard.edge",
    violating: (s) =>
      new CloudwatchDashboard(s, "edge", { dashboardName: "edge", dashboardBody: "{widgets: []" }),
    compliant: (s) =>
      new CloudwatchDashboard(s, "edge", {
        dashboardName: "edge",
        dashboardBody: JSON.stringify({ widgets: [WIDGET] }),
      }),
  },
]);
