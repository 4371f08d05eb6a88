// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// "No number typed twice": change one value in the model and every place it is rendered changes with it,
// and the old value is gone.
import { describe, expect, it } from "vitest";
import { integerAbove } from "../src/app/integer-regex.ts";
import { type StackJson, synthStacks } from "./synth.ts";

type Any = Record<string, any>;
const text = (stacks: Record<string, StackJson>) => JSON.stringify(stacks);
const occurrences = (haystack: string, needle: RegExp) => haystack.match(needle)?.length ?? 0;
// `any`: these tests walk Terraform JSON freely; a wrong path fails the assertion, not the compiler.
const values = (json: StackJson, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe("a model change reaches every place it appears", () => {
  it("rateLimits.waf.requestsPerMinute: Cloudflare rate limit and AWS WAF rate rule", () => {
    const stacks = synthStacks({
      environments: ["production"],
      overrides: { rateLimits: { waf: { requestsPerMinute: 4321 } } },
    });
    const cf = stacks["production-cloudflare-edge"] as StackJson;
    const aws = stacks["production-aws-edge"] as StackJson;
    const rate = values(cf, "cloudflare_ruleset").find((r) => r.phase === "http_ratelimit");
    expect(rate.rules[0].ratelimit.requests_per_period).toBe(4321);
    const acl = values(aws, "aws_wafv2_web_acl")[0];
    expect(acl.rule.find((r: Any) => r.name === "rate-per-ip").statement.rate_based_statement.limit).toBe(
      4321,
    );
    expect(occurrences(text(stacks), /\b4321\b/g)).toBeGreaterThanOrEqual(3); // + the rule description
    expect(occurrences(text(stacks), /\b5000\b/g)).toBe(0);
  });

  it("zone.cdnHost: ALB asset redirect, worker route and Cloudflare rate-limit scope", () => {
    const stacks = synthStacks({
      environments: ["production"],
      overrides: { zone: { cdnHost: "static.example.com" } },
    });
    const all = text(stacks);
    expect(occurrences(all, /cdn\.example\.com/g)).toBe(0);
    const cf = stacks["production-cloudflare-edge"] as StackJson;
    const aws = stacks["production-aws-edge"] as StackJson;
    expect(values(cf, "cloudflare_workers_route").map((r) => r.pattern)).toContain("static.example.com/*");
    const redirect = values(aws, "aws_lb_listener_rule").find((r) => r.action[0].type === "redirect");
    expect(redirect.action[0].redirect.host).toBe("static.example.com");
    expect(
      values(cf, "cloudflare_ruleset").find((r) => r.phase === "http_ratelimit").rules[0].expression,
    ).toContain('"static.example.com"');
  });

  it("pools.web.port: target group, ALB egress and pool ingress", () => {
    const stacks = synthStacks({ environments: ["staging"], overrides: { pools: { web: { port: 3100 } } } });
    const edge = stacks["staging-aws-edge"] as StackJson;
    const compute = stacks["staging-aws-compute"] as StackJson;
    expect(values(edge, "aws_lb_target_group").find((t) => t.name === "shop-staging-web").port).toBe(3100);
    const egress = values(edge, "aws_vpc_security_group_egress_rule").find(
      (r) => r.description === "Pool web",
    );
    expect([egress.from_port, egress.to_port]).toEqual([3100, 3100]);
    const ingress = values(compute, "aws_vpc_security_group_ingress_rule").find(
      (r) => r.description === "Pool web from the ALB",
    );
    expect([ingress.from_port, ingress.to_port]).toEqual([3100, 3100]);
    // As a value (numeric or string); the pool's description text may still mention its port.
    expect(occurrences(text(stacks), /[:"]3000[",}\]]/g)).toBe(0);
  });

  it("predictive buffer, root volume and alarms.latencyP95: policies, launch templates, alarms, dashboard", () => {
    const stacks = synthStacks({
      environments: ["production"],
      layers: ["aws-compute"],
      overrides: {
        pools: {
          web: { scaling: { predictive: { schedulingBufferSeconds: 900 } } },
          api: { scaling: { rootVolumeGiB: 64 } },
        },
        alarms: { latencyP95: { thresholdSeconds: 1.5 } },
      },
    });
    const compute = stacks["production-aws-compute"] as StackJson;
    const buffers = values(compute, "aws_autoscaling_policy")
      .filter((p) => p.policy_type === "PredictiveScaling")
      .map((p) => [p.name, p.predictive_scaling_configuration.scheduling_buffer_time])
      .sort();
    expect(buffers).toEqual([
      ["shop-production-api-predictive", "600"],
      ["shop-production-web-predictive", "900"],
    ]);
    const volumes = values(compute, "aws_launch_template").map((lt) => [
      lt.name,
      lt.block_device_mappings[0].ebs.volume_size,
    ]);
    expect(volumes.sort()).toEqual([
      ["shop-production-api", 64],
      ["shop-production-web", 30],
      ["shop-production-ws", 30],
    ]);
    const latency = values(compute, "aws_cloudwatch_metric_alarm").filter(
      (a) => a.metric_name === "TargetResponseTime",
    );
    expect(latency.map((a) => a.threshold)).toEqual([1.5, 1.5, 1.5]);
    const body = JSON.parse(values(compute, "aws_cloudwatch_dashboard")[0].dashboard_body);
    const annotations = body.widgets
      .filter((w: Any) => String(w.properties.title).endsWith("p95 latency (s)"))
      .map((w: Any) => w.properties.annotations.horizontal[0].value);
    expect(annotations).toEqual([1.5, 1.5, 1.5]);
  });

  it("waf.maxBodyBytes: Cloudflare body rule and the AWS WAF Content-Length rule", () => {
    const stacks = synthStacks({
      environments: ["production"],
      layers: ["cloudflare-edge", "aws-edge"],
      overrides: { waf: { maxBodyBytes: 2_000_000 } },
    });
    const cf = stacks["production-cloudflare-edge"] as StackJson;
    const firewall = values(cf, "cloudflare_ruleset").find((r) => r.phase === "http_request_firewall_custom");
    const cfRegex = /matches r"([^"]+)"/.exec(
      firewall.rules.find((r: Any) => r.ref === "block_large_body").expression,
    )?.[1];
    expect(cfRegex).toBe(integerAbove(2_000_000));
    const acl = values(stacks["production-aws-edge"] as StackJson, "aws_wafv2_web_acl")[0];
    const regex = new RegExp(
      acl.rule
        .find((r: Any) => r.name === "body-size")
        .statement.regex_match_statement.regex_string.replaceAll("\\d", "[0-9]"),
    );
    expect([regex.test("2000000"), regex.test("2000001"), regex.test("10485761")]).toEqual([
      false,
      true,
      true,
    ]);
    expect(occurrences(text(stacks), /10485760/g)).toBe(0);
  });
});
