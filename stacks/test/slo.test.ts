// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
import { resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { resource, resourceList, resources, type StackJson, synthStacks } from "./synth.ts";

let prod: StackJson;
type Any = Record<string, any>;

beforeAll(() => {
  prod = synthStacks({ layers: ["aws-compute"], environments: ["production"] })[
    "production-aws-compute"
  ] as StackJson;
});

const metricAlarm = (name: string) =>
  resourceList(prod, "aws_cloudwatch_metric_alarm").find((a: Any) => a.alarm_name === name) as Any;
const composite = (name: string) =>
  resourceList(prod, "aws_cloudwatch_composite_alarm").find((a: Any) => a.alarm_name === name) as Any;
const periods = (alarm: Any) => [
  ...new Set(alarm.metric_query.map((q: Any) => q.metric?.period).filter(Boolean)),
];

describe("burn-rate alerts per SLO (multi-window, multi-burn-rate)", () => {
  const p = resolvePlatform("production");

  it("renders a composite per indicator and alert: 3 SLOs, 6 indicators, 3 alerts", () => {
    const indicators = Object.values(p.slo.objectives).reduce((n, o) => n + 1 + o.latency.length, 0);
    expect(indicators).toBe(6);
    expect(resourceList(prod, "aws_cloudwatch_composite_alarm")).toHaveLength(indicators * 3);
  });

  it("pages on 14.4× over 1 h AND 5 min of the api's 0.1 % availability budget", () => {
    const page = composite("shop-production-slo-api-availability-page-fast");
    expect(page.alarm_rule).toMatch(/^ALARM\(".*page-fast-1h.*"\) AND ALARM\(".*page-fast-5m.*"\)$/);
    expect(page.alarm_actions).toEqual([
      expect.stringMatching(/^\$\{aws_sns_topic\.alerts_page_\w+\.arn\}$/),
    ]);
    const long = metricAlarm("shop-production-slo-api-availability-page-fast-1h");
    const short = metricAlarm("shop-production-slo-api-availability-page-fast-5m");
    for (const [alarm, period] of [
      [long, 3600],
      [short, 300],
    ] as const) {
      expect(alarm).toMatchObject({
        threshold: 1.44,
        evaluation_periods: 1,
        comparison_operator: "GreaterThanThreshold",
      });
      expect(alarm.alarm_actions).toBeUndefined(); // one window alone never notifies
      expect(periods(alarm)).toEqual([period]);
      expect(alarm.metric_query[0].expression).toBe("IF(requests > 0, 100 * errors / requests, 0)");
      expect(alarm.metric_query.map((q: Any) => q.metric?.metric_name).filter(Boolean)).toEqual([
        "HTTPCode_Target_5XX_Count",
        "RequestCount",
      ]);
    }
  });

  it("tickets on 1× over 3 days AND 6 h; pages at 6× over 6 h AND 30 min", () => {
    expect(periods(metricAlarm("shop-production-slo-web-availability-ticket-3d"))).toEqual([259_200]);
    expect(periods(metricAlarm("shop-production-slo-web-availability-ticket-6h"))).toEqual([21_600]);
    expect(metricAlarm("shop-production-slo-web-availability-ticket-3d").threshold).toBe(0.1);
    expect(metricAlarm("shop-production-slo-web-availability-page-slow-30m").threshold).toBe(0.6);
  });

  it("measures latency with the percentile-rank statistic of TargetResponseTime (seconds)", () => {
    const p95 = metricAlarm("shop-production-slo-api-latency-p95-page-fast-1h");
    expect(p95.threshold).toBe(72); // 14.4 × a 5 % budget
    const fast = p95.metric_query.find((q: Any) => q.id === "fast");
    expect(fast.metric).toMatchObject({ metric_name: "TargetResponseTime", stat: "PR(:0.2)", period: 3600 });
    expect(fast.metric.dimensions.TargetGroup).toBe(
      "${data.aws_lb_target_group.target-group-api.arn_suffix}",
    );
    const p99 = metricAlarm("shop-production-slo-api-latency-p99-page-fast-1h");
    expect(p99.threshold).toBe(14.4);
    expect(p99.metric_query.find((q: Any) => q.id === "fast").metric.stat).toBe("PR(:0.5)");
  });

  it("writes the SLO manifest the policy pack checks (SLO1)", () => {
    const manifest = (prod.locals as Any).slo_manifest;
    expect(Object.keys(manifest.objectives)).toEqual(["api", "web", "ws"]);
    expect(manifest.objectives.ws.indicators).toEqual({
      availability: {
        "page-fast": "shop-production-slo-ws-availability-page-fast",
        "page-slow": "shop-production-slo-ws-availability-page-slow",
        ticket: "shop-production-slo-ws-availability-ticket",
      },
    });
  });
});

describe("synthetic checks from outside", () => {
  it("checks /healthz and one sample path per route class on the public hostname over HTTPS", () => {
    const checks = resourceList(prod, "aws_route53_health_check") as Any[];
    expect(checks.map((c) => c.resource_path).sort()).toEqual([
      "/",
      "/api/healthz",
      "/healthz",
      "/images/healthz.png",
    ]);
    for (const c of checks) {
      expect(c).toMatchObject({
        type: "HTTPS",
        fqdn: "example.com",
        port: 443,
        request_interval: 30,
        failure_threshold: 3,
      });
    }
  });

  it("alarms on HealthCheckStatus in us-east-1 (where Route 53 publishes) into a us-east-1 topic", () => {
    const alarm = metricAlarm("shop-production-synthetic-healthz");
    expect(alarm).toMatchObject({
      provider: "aws.us_east_1",
      namespace: "AWS/Route53",
      metric_name: "HealthCheckStatus",
      statistic: "Minimum",
      comparison_operator: "LessThanThreshold",
      threshold: 1,
    });
    expect(alarm.dimensions.HealthCheckId).toMatch(/^\$\{aws_route53_health_check\..*check-healthz.*\.id\}$/);
    const topic = resource(prod, "aws_sns_topic", "synthetic_topic") as Any;
    expect(topic.provider).toBe("aws.us_east_1");
    expect(alarm.alarm_actions).toEqual([expect.stringContaining("aws_sns_topic.slo_synthetic_topic")]);
    expect((prod.provider as Any).aws.map((a: Any) => a.region)).toEqual(["eu-west-1", "us-east-1"]);
  });
});

describe("CDN hit ratio", () => {
  it("alarms below the model's 70 % for 10 one-minute periods on the cacheable classes", () => {
    expect(metricAlarm("shop-production-cdn-hit-ratio-low")).toMatchObject({
      namespace: "Shop/Edge",
      metric_name: "CacheHitRatio",
      dimensions: { Environment: "production", RouteClass: "all" },
      statistic: "Average",
      period: 60,
      evaluation_periods: 10,
      threshold: 70,
      comparison_operator: "LessThanThreshold",
    });
  });

  it("gives the worker a user that may only PutMetricData into the model's namespace", () => {
    const policy = JSON.parse((resource(prod, "aws_iam_user_policy", "publisher-policy") as Any).policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "PublishCdnMetricsOnly",
        Effect: "Allow",
        Action: "cloudwatch:PutMetricData",
        Resource: "*",
        Condition: { StringEquals: { "cloudwatch:namespace": "Shop/Edge" } },
      },
    ]);
    expect((prod.output as Any).cdn_metrics_secret_access_key.sensitive).toBe(true);
  });
});

describe("SLO dashboard", () => {
  it("shows each SLO's budget left, burn rates, the synthetic checks and the CDN hit ratio", () => {
    const body = JSON.parse(
      (
        Object.values(resources(prod, "aws_cloudwatch_dashboard")).find((d: Any) =>
          d.dashboard_name.endsWith("-slo"),
        ) as Any
      ).dashboard_body,
    );
    const titles = body.widgets.map((w: Any) => w.properties.title);
    expect(titles).toContain("api p99 ≤ 500 ms: budget left (30 d)");
    expect(titles).toContain("ws availability 99.9 %: budget left (30 d)");
    expect(titles).toContain("api: burn rate (bad share ÷ budget, 5-minute periods)");
    const budget = body.widgets.find((w: Any) => w.properties.title.startsWith("api availability"));
    expect(budget.properties).toMatchObject({ view: "singleValue", start: "-P30D", period: 2_592_000 });
    expect(budget.properties.metrics[0][0].expression).toBe("100 - 100 * b_bad / 0.1");
    const synthetic = body.widgets.find((w: Any) => w.properties.title.startsWith("Synthetic"));
    expect(synthetic.properties.region).toBe("us-east-1");
    const cdn = body.widgets.find((w: Any) => w.properties.title.startsWith("CDN hit ratio"));
    expect(cdn.properties.annotations.horizontal[0].value).toBe(70);
  });
});
