// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
import { resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { resource, resourceList, resources, type StackJson, synthStacks } from "./synth.ts";

let prod: StackJson;
let staging: StackJson;

beforeAll(() => {
  const stacks = synthStacks({ layers: ["aws-compute"] });
  prod = stacks["production-aws-compute"] as StackJson;
  staging = stacks["staging-aws-compute"] as StackJson;
});

type Any = Record<string, any>;
const model = resolvePlatform("production");
/** Every pool of the model: the checks below hold for each, whatever pools the model has. */
const POOLS = Object.keys(model.pools);
const policy = (json: StackJson, pool: string, key: string) =>
  resource(json, "aws_autoscaling_policy", `scaling-${pool}_${key}-policy`) as Any;
const alarm = (json: StackJson, idPart: string) =>
  resource(json, "aws_cloudwatch_metric_alarm", idPart) as Any;

describe("launch templates", () => {
  it("require IMDSv2 and encrypt the root volume", () => {
    for (const pool of POOLS) {
      const lt = resource(prod, "aws_launch_template", `pool-${pool}_launch-template`) as Any;
      expect(lt.metadata_options).toEqual({
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      });
      expect(lt.block_device_mappings[0].ebs).toMatchObject({
        encrypted: "true",
        volume_type: "gp3",
        volume_size: model.pools[pool]?.scaling.rootVolumeGiB,
      });
      expect(lt.image_id).toBe("${var.ami_id}");
      expect(lt.block_device_mappings[0].device_name).toBe("${data.aws_ami.ami.root_device_name}");
    }
  });
});

describe("Auto Scaling groups", () => {
  it("mix 40% on-demand above the base with 60% spot across several instance types, with capacity rebalance", () => {
    const web = resource(prod, "aws_autoscaling_group", "pool-web_group") as Any;
    expect(web).toMatchObject({
      name: "shop-production-web",
      min_size: 3,
      max_size: 30,
      desired_capacity: 3,
      capacity_rebalance: true,
      health_check_type: "ELB",
      health_check_grace_period: 180,
    });
    expect(web.mixed_instances_policy.instances_distribution).toEqual({
      on_demand_base_capacity: 1,
      on_demand_percentage_above_base_capacity: 40,
      spot_allocation_strategy: "price-capacity-optimized",
    });
    expect(web.mixed_instances_policy.launch_template.override.map((o: Any) => o.instance_type)).toEqual([
      "c6i.large",
      "c6a.large",
      "c7i.large",
      "m6i.large",
    ]);
    const api = resource(prod, "aws_autoscaling_group", "pool-api_group") as Any;
    expect(api.mixed_instances_policy.launch_template.override).toHaveLength(4);
    expect(api.mixed_instances_policy.launch_template.override[0].instance_type).toBe("c6i.xlarge");
    const stagingWeb = resource(staging, "aws_autoscaling_group", "pool-web_group") as Any;
    expect(stagingWeb).toMatchObject({ min_size: 1, max_size: 4, desired_capacity: 1 });
    expect(stagingWeb.mixed_instances_policy.instances_distribution.on_demand_base_capacity).toBe(0);
  });

  it("scales on CPU and memory steps, each with its alarm", () => {
    const casesFor = (s: (typeof model.pools)[string]["scaling"]) =>
      [
        ["cpu-scale-out", "CPUUtilization", "AWS/EC2", s.cpu.scaleOut, "GreaterThanOrEqualToThreshold"],
        ["cpu-scale-in", "CPUUtilization", "AWS/EC2", s.cpu.scaleIn, "LessThanOrEqualToThreshold"],
        [
          "memory-scale-out",
          "mem_used_percent",
          "CWAgent",
          s.memory.scaleOut,
          "GreaterThanOrEqualToThreshold",
        ],
        ["memory-scale-in", "mem_used_percent", "CWAgent", s.memory.scaleIn, "LessThanOrEqualToThreshold"],
      ] as const;
    for (const pool of POOLS) {
      const s = (model.pools[pool] as (typeof model.pools)[string]).scaling;
      for (const [key, metric, namespace, step, comparison] of casesFor(s)) {
        const { threshold, forMinutes: minutes, adjustment } = step;
        const p = policy(prod, pool, key);
        expect(p).toMatchObject({
          policy_type: "StepScaling",
          adjustment_type: "ChangeInCapacity",
          estimated_instance_warmup: s.instanceWarmupSeconds,
        });
        expect(p.step_adjustment[0].scaling_adjustment).toBe(adjustment);
        const a = alarm(prod, `scaling-${pool}_${key}-alarm`);
        expect(a).toMatchObject({
          metric_name: metric,
          namespace,
          threshold,
          evaluation_periods: minutes,
          period: 60,
          comparison_operator: comparison,
        });
        expect(a.dimensions.AutoScalingGroupName).toMatch(
          new RegExp(`^\\$\\{aws_autoscaling_group\\.pool-${pool}_group_\\w+\\.name\\}$`),
        );
        expect(a.alarm_actions[0]).toContain(`scaling-${pool}_${key}-policy`);
      }
    }
  });

  it("scales the api pool on queue depth; pools without a queue get no queue policy", () => {
    expect(policy(prod, "api", "queue-scale-out").step_adjustment[0].scaling_adjustment).toBe(2);
    expect(alarm(prod, "scaling-api_queue-scale-out-alarm")).toMatchObject({
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "shop-api-jobs" },
      threshold: 1000,
      evaluation_periods: 1,
    });
    expect(alarm(staging, "scaling-api_queue-scale-out-alarm").dimensions).toEqual({
      QueueName: "shop-api-jobs-staging",
    });
    expect(
      Object.keys(resources(prod, "aws_autoscaling_policy")).filter((id) => id.includes("queue")),
    ).toHaveLength(Object.values(model.pools).filter((pool) => pool.scaling.queueDepth).length);
  });

  it("adds capacity 08:00–20:00 UTC on weekdays", () => {
    const up = resource(prod, "aws_autoscaling_schedule", "scaling-web_scale-up") as Any;
    const down = resource(prod, "aws_autoscaling_schedule", "scaling-web_scale-down") as Any;
    expect(up).toMatchObject({
      recurrence: "0 8 * * MON-FRI",
      time_zone: "Etc/UTC",
      min_size: 5,
      desired_capacity: 5,
      max_size: 30,
    });
    expect(down).toMatchObject({
      recurrence: "0 20 * * MON-FRI",
      time_zone: "Etc/UTC",
      min_size: 3,
      desired_capacity: 3,
      max_size: 30,
    });
    // staging's ws pool has no schedule in the model.
    expect(
      Object.keys(resources(staging, "aws_autoscaling_schedule")).filter((id) => id.includes("-ws_")),
    ).toEqual([]);
    const scheduled = Object.values(model.pools).filter((p) => p.scaling.schedule);
    expect(Object.keys(resources(prod, "aws_autoscaling_schedule"))).toHaveLength(2 * scheduled.length);
  });

  it("forecasts CPU with a 600 s scheduling buffer (not for ws, whose model has none)", () => {
    for (const pool of ["web", "api"]) {
      expect(resource(prod, "aws_autoscaling_policy", `scaling-${pool}_predictive`)).toMatchObject({
        policy_type: "PredictiveScaling",
        predictive_scaling_configuration: {
          mode: "ForecastAndScale",
          scheduling_buffer_time: "600",
          metric_specification: {
            target_value: 50,
            predefined_metric_pair_specification: { predefined_metric_type: "ASGCPUUtilization" },
          },
        },
      });
    }
    expect(
      Object.keys(resources(prod, "aws_autoscaling_policy")).filter((id) => id.includes("ws_predictive")),
    ).toEqual([]);
  });
});

describe("alarm set and dashboard", () => {
  it("alarms on p95 latency, CPU, memory and 5xx rate with the model's thresholds, notifying the topic", () => {
    for (const pool of POOLS) {
      expect(alarm(prod, `alarms-${pool}_latency-p95`)).toMatchObject({
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        extended_statistic: "p95",
        threshold: 2,
        evaluation_periods: 5,
      });
      expect(alarm(prod, `alarms-${pool}_cpu`)).toMatchObject({
        threshold: 80,
        evaluation_periods: 5,
        metric_name: "CPUUtilization",
      });
      expect(alarm(prod, `alarms-${pool}_memory`)).toMatchObject({
        threshold: 85,
        evaluation_periods: 5,
        metric_name: "mem_used_percent",
      });
      const errors = alarm(prod, `alarms-${pool}_error-rate`);
      expect(errors).toMatchObject({ threshold: 5, evaluation_periods: 1 });
      expect(errors.metric_query.map((q: Any) => q.metric?.metric_name ?? q.expression)).toEqual([
        "IF(requests > 0, 100 * errors / requests, 0)",
        "HTTPCode_Target_5XX_Count",
        "RequestCount",
      ]);
      expect(errors.alarm_actions[0]).toContain("aws_sns_topic.");
    }
    const topic = resourceList(prod, "aws_sns_topic")[0] as Any;
    expect(topic.kms_master_key_id).toContain("aws_kms_key.");
  });

  it("draws every pool and the L2 cache on one dashboard", () => {
    const dashboard = resourceList(prod, "aws_cloudwatch_dashboard")[0] as Any;
    const body = JSON.parse(dashboard.dashboard_body) as { widgets: any[] };
    const titles = body.widgets.map((w) => w.properties.title);
    for (const pool of POOLS) expect(titles).toContain(`${pool}: p95 latency (s)`);
    expect(titles).toContain("L2 cache: hit rate %");
    expect(
      body.widgets.find((w) => w.properties.title === "web: p95 latency (s)").properties.annotations
        .horizontal[0].value,
    ).toBe(2);
  });
});

describe("L2 cache", () => {
  it("runs Valkey with the model's node type, replicas, eviction policy and reserved memory", () => {
    const group = resource(prod, "aws_elasticache_replication_group", "l2-cache_group") as Any;
    expect(group).toMatchObject({
      engine: "valkey",
      engine_version: "8.0",
      node_type: "cache.r7g.large",
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      snapshot_retention_limit: 7,
      port: 6379,
    });
    expect(group.user_group_ids[0]).toContain("aws_elasticache_user_group.");
    const params = resource(prod, "aws_elasticache_parameter_group", "l2-cache_parameters") as Any;
    expect(params.family).toBe("valkey8");
    expect(params.parameter).toEqual([
      { name: "maxmemory-policy", value: "allkeys-lru" },
      { name: "reserved-memory-percent", value: "25" },
    ]);
    expect(resource(staging, "aws_elasticache_replication_group", "l2-cache_group")).toMatchObject({
      node_type: "cache.t4g.medium",
      num_cache_clusters: 2,
      snapshot_retention_limit: 1,
    });
  });

  it("authenticates with IAM; the default user is disabled and no password exists", () => {
    const users = resourceList(prod, "aws_elasticache_user") as Any[];
    expect(users.map((u) => [u.user_name, u.authentication_mode.type])).toEqual(
      expect.arrayContaining([
        ["default", "no-password-required"],
        ["shop-production-l2-app", "iam"],
      ]),
    );
    expect(users.find((u) => u.user_name === "default")?.access_string).toMatch(/^off /);
    expect(users.every((u) => u.passwords === undefined)).toBe(true);
  });
});

it("finds the edge stack's ALB, security group and target groups by name", () => {
  const data = prod.data as Record<string, Record<string, Any>>;
  const platform = model;
  expect(Object.values(data.aws_lb ?? {}).map((d) => d.name)).toEqual([`${platform.name}-production-alb`]);
  expect(
    Object.values(data.aws_lb_target_group ?? {})
      .map((d) => d.name)
      .sort(),
  ).toEqual(
    Object.keys(platform.pools)
      .map((pool) => `${platform.name}-production-${pool}`)
      .sort(),
  );
});
