// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
/**
 * What every stack must contain, derived from the model — for every environment, pool and route class it has.
 * This replaces the whole-stack snapshots: adding an environment, a pool or a route class (the README's recipes)
 * changes the expectations here by itself, and a renderer that drops or mis-sizes one fails with its name.
 */
import { ENVIRONMENT_NAMES, type Platform, resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { LAYERS, stackName } from "../src/app/naming.ts";
import { albListenerRules } from "../src/aws/alb-routing.ts";
import { workerRoutePatterns } from "../src/cloudflare/worker-routes.ts";
import { resource, resourceList, resources, type StackJson, synthStacks } from "./synth.ts";

type Any = Record<string, any>;

let stacks: Record<string, StackJson>;
beforeAll(() => {
  stacks = synthStacks({ log: () => {} });
});

const stack = (env: string, layer: (typeof LAYERS)[number]) => stacks[stackName(env, layer)] as StackJson;

describe.each(ENVIRONMENT_NAMES.map((env) => [env, resolvePlatform(env)] as [string, Platform]))(
  "environment %s",
  (env, p) => {
    it("has one stack per layer", () => {
      for (const layer of LAYERS) expect(stacks[stackName(env, layer)], `${env}-${layer}`).toBeDefined();
    });

    it("cloudflare: routes the site and CDN host to this environment's worker script", () => {
      const routes = resourceList(stack(env, "cloudflare-edge"), "cloudflare_workers_route") as Any[];
      expect(routes.map((r) => [r.pattern, r.script]).sort()).toEqual(
        Object.values(workerRoutePatterns(p))
          .map((pattern) => [pattern, p.edge.scriptName])
          .sort(),
      );
    });

    it("cloudflare: one cache rule per route class, cached or bypassed as the model says", () => {
      // The zone's owner holds the zone's one cache ruleset; this environment's rules are those scoped to its host.
      const owner = ENVIRONMENT_NAMES.find(
        (e) =>
          resolvePlatform(e).cloudflare.zoneName === p.cloudflare.zoneName &&
          resolvePlatform(e).cloudflare.ownsZone,
      ) as string;
      const ruleset = (resourceList(stack(owner, "cloudflare-edge"), "cloudflare_ruleset") as Any[]).find(
        (r) => r.phase === "http_request_cache_settings",
      ) as Any;
      const mine = (ruleset.rules as Any[])
        .filter(
          (r) => r.expression.startsWith("(http.host in {") && r.expression.includes(`"${p.zone.domain}"`),
        )
        .map((r) => ({ ...r, ref: r.ref.replace(/^[a-z0-9_]*?_?(?=cache_)/, "") }));
      const cache = { rules: mine };
      const refs = (cache.rules as Any[]).filter((r) => !r.ref.endsWith("_bypass")).map((r) => r.ref);
      expect(refs.sort()).toEqual(
        Object.keys(p.routeClasses)
          .map((name) => `cache_${name}`)
          .sort(),
      );
      for (const [name, rc] of Object.entries(p.routeClasses)) {
        const rule = (cache.rules as Any[]).find((r) => r.ref === `cache_${name}`);
        expect([name, rule?.action_parameters.cache]).toEqual([name, rc.cache.mode === "cache"]);
      }
    });

    it("aws edge: a target group per pool with the model's port and health check", () => {
      const edge = stack(env, "aws-edge");
      expect(Object.keys(resources(edge, "aws_lb_target_group")).length).toBe(Object.keys(p.pools).length);
      for (const [name, pool] of Object.entries(p.pools)) {
        const tg = resource(edge, "aws_lb_target_group", `target-groups_${name}_`) as Any;
        expect([name, tg.port, tg.health_check.path, tg.health_check.matcher]).toEqual([
          name,
          pool.port,
          pool.healthCheck.path,
          pool.healthCheck.matcher,
        ]);
      }
      const egressPorts = (resourceList(edge, "aws_vpc_security_group_egress_rule") as Any[]).map(
        (r) => r.from_port,
      );
      expect(egressPorts.sort()).toEqual([...new Set(Object.values(p.pools).map((x) => x.port))].sort());
    });

    it("aws edge: a listener rule per prefix/exact group of the route classes, in the model's order", () => {
      const rules = resourceList(stack(env, "aws-edge"), "aws_lb_listener_rule") as Any[];
      const rendered = rules
        .map((r) => [
          r.priority,
          r.condition.flatMap((c: Any) => c.path_pattern?.values ?? []),
          r.action[0].type,
        ])
        .sort((a, b) => a[0] - b[0]);
      expect(rendered).toEqual(
        albListenerRules(p).map((r) => [
          r.priority,
          r.pathPatterns,
          r.action.type === "redirect" ? "redirect" : "forward",
        ]),
      );
    });

    it("aws compute: an Auto Scaling group per pool with the model's sizes and alarms", () => {
      const compute = stack(env, "aws-compute");
      expect(Object.keys(resources(compute, "aws_autoscaling_group")).length).toBe(
        Object.keys(p.pools).length,
      );
      for (const [name, pool] of Object.entries(p.pools)) {
        const s = pool.scaling;
        const asg = resource(compute, "aws_autoscaling_group", `pool-${name}_group`) as Any;
        expect([name, asg.min_size, asg.desired_capacity, asg.max_size]).toEqual([
          name,
          s.minSize,
          s.desiredCapacity,
          s.maxSize,
        ]);
        const alarmIds = Object.keys(resources(compute, "aws_cloudwatch_metric_alarm"));
        for (const alarm of ["latency-p95", "cpu", "memory", "error-rate"]) {
          expect(
            alarmIds.filter((id) => id.includes(`alarms-${name}_${alarm}`)),
            `${name} ${alarm}`,
          ).toHaveLength(1);
        }
        const queue = alarmIds.filter((id) => id.includes(`scaling-${name}_queue-scale-out-alarm`));
        expect([name, queue.length]).toEqual([name, s.queueDepth ? 1 : 0]);
        if (s.queueDepth) {
          const a = resource(
            compute,
            "aws_cloudwatch_metric_alarm",
            `scaling-${name}_queue-scale-out-alarm`,
          ) as Any;
          expect(a.dimensions).toEqual({ QueueName: s.queueDepth.queueName });
        }
        const schedules = Object.keys(resources(compute, "aws_autoscaling_schedule")).filter((id) =>
          id.includes(`scaling-${name}_`),
        );
        expect([name, schedules.length]).toEqual([name, s.schedule ? 2 : 0]);
        const predictive = Object.keys(resources(compute, "aws_autoscaling_policy")).filter((id) =>
          id.includes(`scaling-${name}_predictive`),
        );
        expect([name, predictive.length]).toEqual([name, s.predictive ? 1 : 0]);
      }
    });

    it("aws compute: the L2 cache has the model's node type and replicas", () => {
      const group = resource(
        stack(env, "aws-compute"),
        "aws_elasticache_replication_group",
        "l2-cache_group",
      ) as Any;
      expect([group.node_type, group.num_cache_clusters]).toEqual([
        p.l2Cache.nodeType,
        p.l2Cache.replicas + 1,
      ]);
    });
  },
);
