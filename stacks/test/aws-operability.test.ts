// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
// Issue 11: the AWS stacks do what they say once applied. One describe per finding; each fails on the old output.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app/build-app.ts";
import { agentConfig } from "../src/aws/cloudwatch-agent.ts";
import { resource, resourceList, resources, type StackJson, synthStacks } from "./synth.ts";

type Any = Record<string, any>;
let prod: StackJson;
let staging: StackJson;

beforeAll(() => {
  const stacks = synthStacks({ layers: ["aws-compute"] });
  prod = stacks["production-aws-compute"] as StackJson;
  staging = stacks["staging-aws-compute"] as StackJson;
});

const alarms = (json: StackJson) => resourceList(json, "aws_cloudwatch_metric_alarm") as Any[];
const alarmNamed = (json: StackJson, name: string) => {
  const found = alarms(json).filter((a) => a.alarm_name === name);
  if (found.length !== 1) throw new Error(`expected one alarm named ${name}, found ${found.length}`);
  return found[0] as Any;
};
/** Every metric an alarm reads: its own, or those of its metric queries. */
const metricsOf = (a: Any): Any[] =>
  a.metric_name
    ? [{ namespace: a.namespace, metric_name: a.metric_name, dimensions: a.dimensions }]
    : (a.metric_query as Any[]).filter((q) => q.metric).map((q) => q.metric);

describe("2. ElastiCache alarms read per member cluster", () => {
  it("no alarm or widget uses ReplicationGroupId; every cache metric is by CacheClusterId of a member", () => {
    const cache = alarms(prod)
      .flatMap(metricsOf)
      .filter((m) => m.namespace === "AWS/ElastiCache");
    expect(cache.length).toBeGreaterThan(0);
    for (const m of cache) {
      expect(Object.keys(m.dimensions)).toEqual(["CacheClusterId"]);
      expect(m.dimensions.CacheClusterId).toMatch(
        /^\$\{element\(sort\(tolist\(aws_elasticache_replication_group\.l2-cache_group_\w+\.member_clusters\)\), \d\)\}$/,
      );
    }
    const body = (resourceList(prod, "aws_cloudwatch_dashboard")[0] as Any).dashboard_body as string;
    expect(body).not.toContain("ReplicationGroupId");
    expect(body).toContain("CacheClusterId");
  });

  it("alarms hit rate, engine CPU, memory, evictions (10 % of writes) on each of the 3 production members", () => {
    for (const member of [1, 2, 3]) {
      const hit = alarmNamed(prod, `shop-production-l2-hit-rate-low-member-${member}`);
      expect(hit).toMatchObject({
        threshold: 70,
        evaluation_periods: 10,
        comparison_operator: "LessThanThreshold",
      });
      expect(hit.metric_query.map((q: Any) => q.metric?.metric_name ?? q.expression)).toEqual([
        "IF((hits + misses) > 0, 100 * hits / (hits + misses), 100)",
        "CacheHits",
        "CacheMisses",
      ]);
      expect(alarmNamed(prod, `shop-production-l2-engine-cpu-high-member-${member}`)).toMatchObject({
        metric_name: "EngineCPUUtilization",
        threshold: 90,
      });
      expect(alarmNamed(prod, `shop-production-l2-memory-high-member-${member}`).metric_name).toBe(
        "DatabaseMemoryUsagePercentage",
      );
      const evictions = alarmNamed(prod, `shop-production-l2-evictions-high-member-${member}`);
      expect(evictions.threshold).toBe(10);
      expect(evictions.metric_query.map((q: Any) => q.metric?.metric_name ?? q.expression)).toEqual([
        "IF(writes > 0, 100 * evictions / writes, 0)",
        "Evictions",
        "SetTypeCmds",
      ]);
      expect(alarmNamed(prod, `shop-production-l2-replication-lag-high-member-${member}`).metric_name).toBe(
        "ReplicationLag",
      );
    }
    expect(alarms(staging).filter((a) => a.alarm_name.includes("l2-hit-rate"))).toHaveLength(2);
  });

  it("has no replication-lag alarm without replicas", () => {
    const stacks = synthStacks({
      layers: ["aws-compute"],
      environments: ["staging"],
      overrides: { l2Cache: { replicas: 0 } },
    });
    const json = stacks["staging-aws-compute"] as StackJson;
    expect(alarms(json).filter((a) => a.alarm_name.includes("replication-lag"))).toEqual([]);
    expect(alarms(json).filter((a) => a.alarm_name.includes("l2-hit-rate"))).toHaveLength(1);
  });
});

describe("3. instance refresh starts", () => {
  it("launches the template's latest version number, never $Latest", () => {
    for (const group of resourceList(prod, "aws_autoscaling_group") as Any[]) {
      const spec = group.mixed_instances_policy.launch_template.launch_template_specification;
      expect(spec.version).toMatch(
        /^\$\{aws_launch_template\.pool-\w+_launch-template_\w+\.latest_version\}$/,
      );
      expect(group.instance_refresh.strategy).toBe("Rolling");
    }
  });
});

describe("4. memory metrics have a producer", () => {
  it("ships the agent configuration rolled up exactly by the alarms' dimension set", () => {
    const param = resource(prod, "aws_ssm_parameter", "cloudwatch-agent_config") as Any;
    expect(param.name).toBe("AmazonCloudWatch-shop-production-pools");
    // Terraform's "$${" is a literal "${" (the agent's own placeholders).
    // Escaped for Terraform, or Terraform would read the agent's placeholder as an interpolation and fail.
    expect(param.value).toContain('"$${aws:AutoScalingGroupName}"');
    expect(param.value.replaceAll("$${", "")).not.toContain("${");
    const config = JSON.parse(param.value.replaceAll("$${", "${"));
    expect(config).toEqual(agentConfig());
    expect(config.metrics.append_dimensions.AutoScalingGroupName).toBe("${aws:AutoScalingGroupName}");
    const memoryAlarms = alarms(prod).filter((a) => a.namespace === "CWAgent");
    // Per pool: memory alarm + two scaling alarms.
    expect(memoryAlarms.length).toBe(3 * Object.keys(resolvePlatform("production").pools).length);
    for (const a of memoryAlarms) {
      expect(config.metrics.aggregation_dimensions).toContainEqual(Object.keys(a.dimensions));
      expect(config.metrics.metrics_collected.mem.measurement).toContain(a.metric_name);
    }
  });

  it("boots every pool with user data that loads it, under a role allowed to publish", () => {
    for (const lt of resourceList(prod, "aws_launch_template") as Any[]) {
      expect(lt.user_data).toMatch(
        /^\$\{base64encode\(".*fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-shop-production-pools/s,
      );
      expect(lt.iam_instance_profile.name).toContain("aws_iam_instance_profile.");
      expect(lt.depends_on).toEqual([expect.stringContaining("aws_ssm_parameter.")]);
    }
    const attached = (resourceList(prod, "aws_iam_role_policy_attachment") as Any[]).map((a) => a.policy_arn);
    expect(
      attached
        .map((arn) => arn.replace(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:/, "arn:P:"))
        .sort(),
    ).toEqual([
      "arn:P:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:P:iam::aws:policy/CloudWatchAgentServerPolicy",
    ]);
    expect(prod.variable?.instance_profile_name).toBeUndefined();
    const app = JSON.parse((resource(prod, "aws_iam_role_policy", "cloudwatch-agent_app") as Any).policy);
    expect(app.Statement.map((s: Any) => s.Action)).toContainEqual("elasticache:Connect");
  });
});

describe("5. the queue behind queue-depth scaling exists", () => {
  it("creates the api queue (encrypted) with a dead-letter queue after 5 receives", () => {
    const queues = resources(prod, "aws_sqs_queue");
    const byName = Object.fromEntries(Object.values(queues).map((q: Any) => [q.name, q]));
    expect(Object.keys(byName).sort()).toEqual(["shop-api-jobs", "shop-api-jobs-dlq"]);
    for (const q of Object.values(byName) as Any[]) expect(q.sqs_managed_sse_enabled).toBe(true);
    const redrive = JSON.parse(
      (resource(prod, "aws_sqs_queue_redrive_policy", "queue-api") as Any).redrive_policy,
    );
    expect(redrive.maxReceiveCount).toBe(5);
    expect(redrive.deadLetterTargetArn).toContain(
      "shop-api-jobs-dlq".length > 0 ? "aws_sqs_queue.queue-api_dead-letters" : "",
    );
    expect(Object.values(resources(staging, "aws_sqs_queue")).map((q: Any) => q.name)).toContain(
      "shop-api-jobs-staging",
    );
  });
});

describe("6. alerts reach people", () => {
  it("makes a topic per severity with the environment's subscriptions", () => {
    const topics = (resourceList(prod, "aws_sns_topic") as Any[])
      .map((t) => t.name)
      .filter((name) => name.includes("-alerts-"))
      .sort();
    expect(topics).toEqual(["shop-production-alerts-page", "shop-production-alerts-ticket"]);
    const subscriptions = (resourceList(prod, "aws_sns_topic_subscription") as Any[]).filter((s) =>
      s.topic_arn.includes("aws_sns_topic.alerts_"),
    );
    expect(subscriptions.map((s) => [s.protocol, s.endpoint]).sort()).toEqual([
      ["email", "oncall@example.com"],
      ["email", "platform-team@example.com"],
    ]);
    const stagingAlerts = (resourceList(staging, "aws_sns_topic_subscription") as Any[]).filter((s) =>
      s.topic_arn.includes("aws_sns_topic.alerts_"),
    );
    expect(stagingAlerts.map((s) => s.endpoint)).toEqual([
      "platform-team@example.com",
      "platform-team@example.com",
    ]);
    // The us-east-1 topic of the synthetic checks reaches the page destinations too.
    const synthetic = (resourceList(prod, "aws_sns_topic_subscription") as Any[]).filter((s) =>
      s.topic_arn.includes("slo_synthetic_topic"),
    );
    expect(synthetic.map((s) => [s.endpoint, s.provider])).toEqual([["oncall@example.com", "aws.us_east_1"]]);
  });

  it("routes alarms by severity and uses an existing topic when the model names one", () => {
    expect(alarmNamed(prod, "shop-production-web-5xx-rate").alarm_actions[0]).toContain("alerts_page");
    expect(alarmNamed(prod, "shop-production-web-cpu-high").alarm_actions[0]).toContain("alerts_ticket");
    const arn = "arn:aws:sns:eu-west-1:123456789012:pager";
    const stacks = synthStacks({
      layers: ["aws-compute"],
      environments: ["production"],
      overrides: { alerting: { page: { emails: [], topicArn: arn } } },
    });
    const json = stacks["production-aws-compute"] as StackJson;
    expect(alarmNamed(json, "shop-production-web-5xx-rate").alarm_actions).toEqual([arn]);
    expect(
      (resourceList(json, "aws_sns_topic") as Any[]).map((t) => t.name).filter((n) => n.includes("-alerts-")),
    ).toEqual(["shop-production-alerts-ticket"]);
  });

  it("notifies failed launches and terminations of every group", () => {
    const n = resource(prod, "aws_autoscaling_notification", "group-notifications") as Any;
    expect(n.group_names).toHaveLength(Object.keys(resolvePlatform("production").pools).length);
    expect(n.notifications).toEqual([
      "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
      "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
    ]);
    expect(n.topic_arn).toContain("alerts_ticket");
    const key = JSON.parse(
      (
        resources(prod, "aws_kms_key")[
          Object.keys(resources(prod, "aws_kms_key")).find((id) => id.startsWith("key_")) ?? ""
        ] as Any
      ).policy,
    );
    expect(key.Statement.map((s: Any) => s.Sid)).toContain("AutoScalingNotificationsToEncryptedTopics");
  });
});

describe("7. the alarms a platform engineer expects", () => {
  it("per pool: unhealthy and healthy targets, connection errors, in-service below minimum", () => {
    for (const pool of ["web", "api", "ws"]) {
      expect(alarmNamed(prod, `shop-production-${pool}-unhealthy-targets`)).toMatchObject({
        metric_name: "UnHealthyHostCount",
        threshold: 0,
        comparison_operator: "GreaterThanThreshold",
      });
      expect(alarmNamed(prod, `shop-production-${pool}-healthy-targets-low`)).toMatchObject({
        metric_name: "HealthyHostCount",
        threshold: 1,
        comparison_operator: "LessThanThreshold",
        treat_missing_data: "breaching",
      });
      expect(alarmNamed(prod, `shop-production-${pool}-target-connection-errors`).metric_name).toBe(
        "TargetConnectionErrorCount",
      );
      const below = alarmNamed(prod, `shop-production-${pool}-in-service-below-minimum`);
      expect(below.metric_query.map((q: Any) => q.metric?.metric_name ?? q.expression)).toEqual([
        "minimum - inService",
        "GroupMinSize",
        "GroupInServiceInstances",
      ]);
    }
    for (const group of resourceList(prod, "aws_autoscaling_group") as Any[]) {
      expect(group.enabled_metrics).toEqual(
        expect.arrayContaining(["GroupMinSize", "GroupInServiceInstances"]),
      );
    }
  });

  it("on the entry point: ALB-made 5xx and WAF blocks above the anomaly band", () => {
    expect(alarmNamed(prod, "shop-production-alb-5xx")).toMatchObject({
      metric_name: "HTTPCode_ELB_5XX_Count",
      dimensions: { LoadBalancer: "${data.aws_lb.alb.arn_suffix}" },
      threshold: 10,
    });
    const waf = alarmNamed(prod, "shop-production-waf-blocked-spike");
    expect(waf.comparison_operator).toBe("GreaterThanUpperThreshold");
    expect(waf.threshold_metric_id).toBe("band");
    expect(waf.metric_query[0].metric).toMatchObject({
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { Region: "eu-west-1", Rule: "ALL", WebACL: "shop-production-alb" },
    });
    expect(waf.metric_query[1].expression).toBe("ANOMALY_DETECTION_BAND(blocked, 3)");
  });

  it("takes thresholds from the model", () => {
    const stacks = synthStacks({
      layers: ["aws-compute"],
      environments: ["production"],
      overrides: { alarms: { cacheEvictions: { thresholdPercent: 25 }, loadBalancer5xx: { aboveCount: 3 } } },
    });
    const json = stacks["production-aws-compute"] as StackJson;
    expect(alarmNamed(json, "shop-production-l2-evictions-high-member-1").threshold).toBe(25);
    expect(alarmNamed(json, "shop-production-alb-5xx").threshold).toBe(3);
  });

  it("shows every operator alarm on the dashboard", () => {
    const body = JSON.parse((resourceList(prod, "aws_cloudwatch_dashboard")[0] as Any).dashboard_body);
    const shown = body.widgets
      .filter((w: Any) => w.type === "alarm")
      .flatMap((w: Any) => w.properties.alarms);
    const operator = Object.entries(resources(prod, "aws_cloudwatch_metric_alarm"))
      .filter(([id]) => /^(alarms-|edge-alarms_|l2-cache-alarms_)/.test(id))
      .map(([id]) => `\${aws_cloudwatch_metric_alarm.${id}.arn}`);
    expect(operator.length).toBeGreaterThan(30);
    expect([...shown].sort()).toEqual([...operator].sort());
  });
});

describe("8. scaling follows the request rate", () => {
  it("tracks 500 req/s per instance (30000 per minute) on ALBRequestCountPerTarget, scale-out only", () => {
    for (const pool of ["web", "api", "ws"]) {
      const policy = resource(
        prod,
        "aws_autoscaling_policy",
        `scaling-${pool}_requests-per-target-policy`,
      ) as Any;
      expect(policy.policy_type).toBe("TargetTrackingScaling");
      expect(policy.target_tracking_configuration).toMatchObject({
        target_value: 30000,
        disable_scale_in: true,
        predefined_metric_specification: {
          predefined_metric_type: "ALBRequestCountPerTarget",
          resource_label: expect.stringMatching(
            /^\$\{data\.aws_lb\.alb\.arn_suffix\}\/\$\{data\.aws_lb_target_group\.target-group-\w+\.arn_suffix\}$/,
          ),
        },
      });
    }
  });
});

describe("9. the stack order is explicit", () => {
  it("records aws-compute's dependency on aws-edge in manifest.json for cdktf deploy", () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "edge-manifest-"));
    try {
      const { app } = buildApp({ outdir, log: () => {} });
      app.synth();
      const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8"));
      for (const env of ["staging", "production"]) {
        expect(manifest.stacks[`${env}-aws-compute`].dependencies).toEqual([`${env}-aws-edge`]);
        expect(manifest.stacks[`${env}-aws-edge`].dependencies).toEqual([]);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
