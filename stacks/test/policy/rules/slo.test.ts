import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm/index.js";
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { TerraformLocal, type TerraformStack } from "cdktf";
import { describeRules } from "../helpers.ts";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:oncall";

/** One burn-rate window: 5xx share of a target group over one period of the window. */
const windowAlarm = (
  stack: TerraformStack,
  id: string,
  periodSeconds: number,
  extra: Partial<CloudwatchMetricAlarmConfig> = {},
) =>
  new CloudwatchMetricAlarm(stack, id, {
    alarmName: `shop-slo-api-availability-page-fast-${id}`,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 1.44,
    evaluationPeriods: 1,
    metricQuery: [
      { id: "bad", expression: "IF(requests > 0, 100 * errors / requests, 0)", returnData: true },
      {
        id: "errors",
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "HTTPCode_Target_5XX_Count",
          period: periodSeconds,
          stat: "Sum",
        },
      },
      {
        id: "requests",
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "RequestCount",
          period: periodSeconds,
          stat: "Sum",
        },
      },
    ],
    ...extra,
  });

const manifest = (stack: TerraformStack) =>
  new TerraformLocal(stack, "slo_manifest", {
    windowDays: 30,
    alerts: {
      "page-fast": { severity: "page", budgetPercent: 2, longWindowMinutes: 60, shortWindowMinutes: 5 },
    },
    objectives: {
      api: {
        pool: "api",
        indicators: { availability: { "page-fast": "shop-slo-api-availability-page-fast" } },
      },
    },
  });

/** A complete SLO: the manifest, both windows and the composite that notifies. */
function completeSlo(
  stack: TerraformStack,
  rule?: (long: string, short: string) => string,
  shortPeriod = 300,
) {
  manifest(stack);
  const long = windowAlarm(stack, "1h", 3600);
  const short = windowAlarm(stack, "5m", shortPeriod);
  new CloudwatchCompositeAlarm(stack, "page", {
    alarmName: "shop-slo-api-availability-page-fast",
    alarmRule: rule
      ? rule(long.alarmName, short.alarmName)
      : `ALARM("${long.alarmName}") AND ALARM("${short.alarmName}")`,
    alarmActions: [TOPIC],
  });
}

describeRules([
  {
    id: "SLO1",
    address: "local.slo_manifest",
    // The manifest promises a page alert, but the stack has no composite for it.
    violating: (s) => {
      manifest(s);
      windowAlarm(s, "1h", 3600, { alarmActions: [TOPIC] });
    },
    compliant: (s) => completeSlo(s),
  },
  {
    id: "SLO1",
    address: "local.slo_manifest",
    // One window alone: pages on a blip (or resets late).
    violating: (s) => completeSlo(s, (long) => `ALARM("${long}")`),
    compliant: (s) => completeSlo(s),
  },
  {
    id: "SLO1",
    address: "local.slo_manifest",
    // The short window evaluates 1 h instead of 5 min.
    violating: (s) => completeSlo(s, undefined, 3600),
    compliant: (s) => completeSlo(s),
  },
  {
    id: "CW5",
    address: "aws_cloudwatch_metric_alarm.5m",
    // 300 s × 300 evaluations = 25 h: over the 1-day limit for periods under an hour.
    violating: (s) => windowAlarm(s, "5m", 300, { evaluationPeriods: 300, alarmActions: [TOPIC] }),
    compliant: (s) => windowAlarm(s, "5m", 300, { evaluationPeriods: 12, alarmActions: [TOPIC] }),
  },
  {
    id: "CW5",
    address: "aws_cloudwatch_metric_alarm.8d",
    // One 8-day period: over the 7-day evaluation range.
    violating: (s) => windowAlarm(s, "8d", 8 * 86_400, { alarmActions: [TOPIC] }),
    compliant: (s) => windowAlarm(s, "8d", 3 * 86_400, { alarmActions: [TOPIC] }),
  },
  {
    id: "CW5",
    address: "aws_cloudwatch_metric_alarm.90s",
    violating: (s) => windowAlarm(s, "90s", 90, { alarmActions: [TOPIC] }),
    compliant: (s) => windowAlarm(s, "90s", 120, { alarmActions: [TOPIC] }),
  },
  {
    id: "CW1",
    address: "aws_cloudwatch_metric_alarm.1h",
    // A window alarm without actions is fine only when a composite with actions combines it.
    violating: (s) => {
      windowAlarm(s, "1h", 3600);
      windowAlarm(s, "5m", 300, { alarmActions: [TOPIC] });
    },
    compliant: (s) => completeSlo(s),
  },
]);

const healthAlarm = (stack: TerraformStack, provider?: AwsProvider) =>
  new CloudwatchMetricAlarm(stack, "synthetic", {
    provider,
    alarmName: "shop-synthetic-healthz",
    namespace: "AWS/Route53",
    metricName: "HealthCheckStatus",
    dimensions: { HealthCheckId: "abcdef11-2222-3333-4444-555555fedcba" },
    statistic: "Minimum",
    period: 60,
    evaluationPeriods: 1,
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    alarmActions: [TOPIC],
  });

describeRules([
  {
    id: "CW6",
    address: "aws_cloudwatch_metric_alarm.synthetic",
    // Created in the stack's own region: Route 53 metrics never arrive there.
    violating: (s) => {
      new AwsProvider(s, "aws", { region: "eu-west-1" });
      healthAlarm(s);
    },
    compliant: (s) => {
      new AwsProvider(s, "aws", { region: "eu-west-1" });
      healthAlarm(s, new AwsProvider(s, "aws-us-east-1", { alias: "us_east_1", region: "us-east-1" }));
    },
  },
]);
