// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
import { resolvePlatform } from "@edge/platform";
import { beforeAll, describe, expect, it } from "vitest";
import { albListenerRules } from "../src/aws/alb-routing.ts";
import { integerAbove } from "../src/aws/waf-statements.ts";
import { resource, resourceList, type StackJson, synthStacks } from "./synth.ts";

let prod: StackJson;
let staging: StackJson;

beforeAll(() => {
  const stacks = synthStacks({ layers: ["aws-edge"] });
  prod = stacks["production-aws-edge"] as StackJson;
  staging = stacks["staging-aws-edge"] as StackJson;
});

type Any = Record<string, any>;

describe("application load balancer", () => {
  it("drops invalid headers, logs access, and is deletion-protected in production only", () => {
    const alb = resource(prod, "aws_lb", "alb") as Any;
    expect(alb).toMatchObject({
      name: "shop-production-alb",
      load_balancer_type: "application",
      internal: false,
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
      idle_timeout: 60,
      access_logs: { enabled: true, prefix: "alb" },
    });
    expect(alb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
    expect((resource(staging, "aws_lb", "alb") as Any).enable_deletion_protection).toBe(false);
  });

  it("admits HTTP(S) only from Cloudflare's ranges (alb_ingress_*cidrs inputs) and reaches pools in the VPC only", () => {
    const ingress = resourceList(prod, "aws_vpc_security_group_ingress_rule") as Any[];
    expect(ingress.map((r) => [r.from_port, r.for_each, r.cidr_ipv4 ?? r.cidr_ipv6]).sort()).toEqual(
      [
        [443, "${toset(var.alb_ingress_cidrs)}", "${each.value}"],
        [443, "${toset(var.alb_ingress_ipv6_cidrs)}", "${each.value}"],
        [80, "${toset(var.alb_ingress_cidrs)}", "${each.value}"],
        [80, "${toset(var.alb_ingress_ipv6_cidrs)}", "${each.value}"],
      ].sort(),
    );
    expect(ingress).toHaveLength(4);
    // Origin lockdown: the defaults are Cloudflare's published ranges from the model, never the whole internet.
    const ranges = resolvePlatform("production").loadBalancer.realIp.trustedProxies;
    const v4 = (prod.variable as Any).alb_ingress_cidrs.default as string[];
    const v6 = (prod.variable as Any).alb_ingress_ipv6_cidrs.default as string[];
    expect([...v4, ...v6].sort()).toEqual([...ranges].sort());
    expect(v4).toContain("173.245.48.0/20");
    expect(v6).toContain("2606:4700::/32");
    expect([...v4, ...v6]).not.toContain("0.0.0.0/0");
    const egress = resourceList(prod, "aws_vpc_security_group_egress_rule") as Any[];
    const ports = [...new Set(Object.values(resolvePlatform("production").pools).map((pool) => pool.port))];
    expect(egress.map((r) => [r.from_port, r.cidr_ipv4]).sort()).toEqual(
      ports.sort().map((port) => [port, "${data.aws_vpc.vpc.cidr_block}"]),
    );
  });

  it("terminates TLS with a TLS 1.3 policy and the certificate input; HTTP redirects to HTTPS", () => {
    const listeners = resourceList(prod, "aws_lb_listener") as Any[];
    const https = listeners.find((l) => l.protocol === "HTTPS");
    expect(https).toMatchObject({
      port: 443,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: "${var.certificate_arn}",
    });
    // Origin lockdown: nothing without an accepted origin-auth value reaches a target.
    expect(https?.default_action).toEqual([
      {
        type: "fixed-response",
        fixed_response: { status_code: "403", content_type: "text/plain", message_body: "Forbidden" },
      },
    ]);
    const http = listeners.find((l) => l.protocol === "HTTP");
    expect(http?.port).toBe(80);
    expect(http?.default_action[0]).toEqual({
      type: "redirect",
      redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" },
    });
  });

  it("creates one target group per pool with the model's port, health check, stickiness and draining", () => {
    const web = resource(prod, "aws_lb_target_group", "target-groups_web") as Any;
    expect(web).toMatchObject({
      name: "shop-production-web",
      port: 3000,
      protocol: "HTTP",
      deregistration_delay: "30",
      load_balancing_algorithm_type: "round_robin",
      health_check: {
        path: "/healthz",
        interval: 30,
        timeout: 5,
        healthy_threshold: 3,
        unhealthy_threshold: 3,
        matcher: "200-399",
      },
      stickiness: { type: "lb_cookie", enabled: true, cookie_duration: 3600 },
    });
    const api = resource(prod, "aws_lb_target_group", "target-groups_api") as Any;
    expect(api).toMatchObject({
      port: 3001,
      load_balancing_algorithm_type: "least_outstanding_requests",
      health_check: { interval: 15, healthy_threshold: 2, unhealthy_threshold: 2, matcher: "200" },
      stickiness: { enabled: false },
    });
    const ws = resource(prod, "aws_lb_target_group", "target-groups_ws") as Any;
    expect(ws).toMatchObject({
      port: 3002,
      deregistration_delay: "120",
      stickiness: { type: "app_cookie", enabled: true, cookie_name: "io_sid", cookie_duration: 86_400 },
    });
  });

  it("routes /api/* to api, /ws/* and /socket.io/* to ws, redirects /assets/* to the CDN; the rest is web", () => {
    const rules = resourceList(prod, "aws_lb_listener_rule") as Any[];
    const paths = (r: Any) => r.condition.flatMap((c: Any) => c.path_pattern?.values ?? []).join(" ");
    const byPattern = Object.fromEntries(
      rules.map((r) => [paths(r), { priority: r.priority, action: r.action[0] }]),
    );
    expect(Object.keys(byPattern)).toEqual(
      expect.arrayContaining(["/api/*", "/assets/*", "/socket.io/* /ws/*"]),
    );
    // The rest goes to the default pool through the last rule (no path condition), not the default action.
    expect(byPattern[""]).toMatchObject({ priority: 50_000, action: { type: "forward" } });
    expect(byPattern[""]?.action.target_group_arn).toContain("target-groups_web");
    expect(byPattern["/api/*"]?.action.target_group_arn).toContain("target-groups_api");
    expect(byPattern["/socket.io/* /ws/*"]?.action.target_group_arn).toContain("target-groups_ws");
    expect(byPattern["/assets/*"]?.action).toEqual({
      type: "redirect",
      redirect: {
        host: "cdn.example.com",
        protocol: "HTTPS",
        port: "443",
        path: "/#{path}",
        query: "#{query}",
        status_code: "HTTP_301",
      },
    });
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  it("redirects to the CDN only for the site's host, so the worker's origin fetches cannot loop", () => {
    const rules = resourceList(prod, "aws_lb_listener_rule") as Any[];
    const redirect = rules.find((r) => r.action[0].type === "redirect");
    expect(redirect?.condition).toContainEqual({ host_header: { values: ["example.com"] } });
    for (const forward of rules.filter((r) => r.action[0].type === "forward")) {
      expect(forward.condition.some((c: Any) => c.host_header)).toBe(false);
    }
  });

  it("requires the origin-auth header (model name, sensitive validated variables) on every forward, not on redirects", () => {
    const rules = resourceList(prod, "aws_lb_listener_rule") as Any[];
    const header = {
      http_header: {
        http_header_name: "X-Origin-Auth",
        values: "${distinct(compact([var.origin_auth_secret_current, var.origin_auth_secret_next]))}",
      },
    };
    const forwards = rules.filter((r) => r.action[0].type === "forward");
    expect(forwards.length).toBeGreaterThanOrEqual(3);
    for (const rule of forwards) expect(rule.condition).toContainEqual(header);
    for (const rule of rules.filter((r) => r.action[0].type === "redirect")) {
      expect(rule.condition.some((c: Any) => c.http_header)).toBe(false);
    }
    const variables = prod.variable as Any;
    expect(variables.origin_auth_secret_current).toMatchObject({ type: "string", sensitive: true });
    expect(variables.origin_auth_secret_current.default).toBeUndefined();
    expect(variables.origin_auth_secret_next).toMatchObject({ type: "string", sensitive: true, default: "" });
    // The validation's pattern is the one the tests hold values to: 64 lowercase hex, nothing ALB could widen.
    const condition = String(variables.origin_auth_secret_current.validation[0].condition);
    expect(condition).toBe('${can(regex("^[0-9a-f]{64}$", var.origin_auth_secret_current))}');
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(condition)![1]!);
    expect(pattern.test("0123456789abcdef".repeat(4))).toBe(true);
    for (const bad of ["0123456789ABCDEF".repeat(4), `${"a".repeat(63)}*`, "a".repeat(63), "a".repeat(65)]) {
      expect(pattern.test(bad), bad).toBe(false);
    }
    expect(String(variables.origin_auth_secret_next.validation[0].condition)).toContain(
      'var.origin_auth_secret_next == ""',
    );
    // A header name from the model reaches the rules.
    const renamed = synthStacks({
      environments: ["staging"],
      layers: ["aws-edge"],
      overrides: { originAuth: { headerName: "X-Edge-Key" } },
    })["staging-aws-edge"] as StackJson;
    const names = (resourceList(renamed, "aws_lb_listener_rule") as Any[]).flatMap((r) =>
      r.condition.flatMap((c: Any) => (c.http_header ? [c.http_header.http_header_name] : [])),
    );
    expect(new Set(names)).toEqual(new Set(["X-Edge-Key"]));
  });

  it("stays within the ALB's value quotas: 3 per condition, 5 per rule (header 2, host 1)", () => {
    for (const rule of resourceList(prod, "aws_lb_listener_rule") as Any[]) {
      const counts = rule.condition.map((c: Any) => {
        const values = Object.values(c)[0] as Any;
        // The header's values are a Terraform list of at most two (current, next).
        return c.http_header ? 2 : (values.values as string[]).length;
      });
      for (const n of counts) expect(n).toBeLessThanOrEqual(3);
      expect(counts.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(5);
    }
  });

  it("renders exact and prefix matchers in precedence order, up to three patterns per rule", () => {
    const p = resolvePlatform("production", {
      overrides: {
        routeClasses: {
          api: { match: [{ prefix: "/api/" }, { exact: "/status" }] },
          websocket: {
            match: ["/live", "/ws/", "/socket.io/", "/a/", "/b/", "/c/"].map((x) =>
              x.endsWith("/") ? { prefix: x } : { exact: x },
            ),
          },
        },
      },
    });
    // Only these three classes are under test; other classes of the model may add rules between them.
    const rules = albListenerRules(p).filter((r) => ["api", "websocket", "static"].includes(r.className));
    expect(rules.map((r) => [r.key, r.pathPatterns])).toEqual([
      // Exact paths come first (in class order), then prefixes, longest first.
      ["api", ["/status", "/api/*"]],
      ["websocket", ["/live", "/socket.io/*", "/ws/*"]],
      ["static", ["/assets/*"]],
      ["websocket-2", ["/a/*", "/b/*", "/c/*"]],
    ]);
    // Everything else: the default pool, last, with no path condition.
    expect(albListenerRules(p).at(-1)).toMatchObject({
      key: "default-pool",
      priority: 50_000,
      pathPatterns: [],
      requiresOriginAuth: true,
      action: { type: "forward", pool: p.defaultPool },
    });
    const priorities = albListenerRules(p).map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe("WAFv2", () => {
  const acl = () => resource(prod, "aws_wafv2_web_acl", "acl") as Any;
  const wafRule = (name: string) => (acl().rule as Any[]).find((r) => r.name === name);

  it("is regional, allows by default and records metrics", () => {
    expect(acl()).toMatchObject({
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true },
    });
  });

  it("blocks more than 5000 requests per minute per client IP read from CF-Connecting-IP (60-second window)", () => {
    expect(wafRule("rate-per-ip")).toMatchObject({
      action: { block: {} },
      statement: {
        rate_based_statement: {
          limit: 5000,
          aggregate_key_type: "FORWARDED_IP",
          evaluation_window_sec: 60,
          forwarded_ip_config: { header_name: "cf-connecting-ip", fallback_behavior: "MATCH" },
        },
      },
    });
  });

  it("blocks requests that carry no client IP in CF-Connecting-IP first (WAF skips forwarded-IP rules then)", () => {
    const rule = wafRule("require-client-ip");
    expect(rule).toMatchObject({ priority: 0, action: { block: {} } });
    const inner = rule?.statement.not_statement.statement.regex_match_statement;
    expect(inner.field_to_match).toEqual({ single_header: { name: "cf-connecting-ip" } });
    const ip = new RegExp(inner.regex_string);
    for (const good of ["203.0.113.7", "2001:db8::1"]) expect(ip.test(good)).toBe(true);
    for (const bad of ["", "203.0.113.7, 10.0.0.1", "<script>"]) expect(ip.test(bad)).toBe(false);
  });

  it("runs the model's managed rule groups at their priorities, excluded rules set to count", () => {
    expect(wafRule("AWSManagedRulesCommonRuleSet")).toMatchObject({
      priority: 10,
      override_action: { none: {} },
      statement: {
        managed_rule_group_statement: {
          vendor_name: "AWS",
          name: "AWSManagedRulesCommonRuleSet",
          rule_action_override: [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }],
        },
      },
    });
    expect(wafRule("AWSManagedRulesSQLiRuleSet")?.priority).toBe(20);
    expect(wafRule("AWSManagedRulesKnownBadInputsRuleSet")?.priority).toBe(30);
    expect(
      wafRule("AWSManagedRulesSQLiRuleSet")?.statement.managed_rule_group_statement.rule_action_override,
    ).toBeUndefined();
  });

  it("blocks the IP set and bodies over the model's limit (by Content-Length)", () => {
    const ipSet = resource(prod, "aws_wafv2_ip_set", "ip-block-list") as Any;
    expect(ipSet.addresses).toEqual(["192.0.2.0/24", "198.51.100.0/24"]);
    const ipRef = wafRule("ip-block-list")?.statement.ip_set_reference_statement;
    expect(ipRef.arn).toContain("aws_wafv2_ip_set");
    expect(ipRef.ip_set_forwarded_ip_config).toEqual({
      header_name: "cf-connecting-ip",
      fallback_behavior: "MATCH",
      position: "FIRST",
    });
    const body = wafRule("body-size")?.statement.regex_match_statement;
    expect(body.field_to_match).toEqual({ single_header: { name: "content-length" } });
    expect(body.regex_string).toBe(integerAbove(10_485_760));
  });

  it("logs to an aws-waf-logs-* group (KMS, model retention) with credentials redacted, and protects the ALB", () => {
    const logs = resource(prod, "aws_cloudwatch_log_group", "logs") as Any;
    expect(logs.name).toBe("aws-waf-logs-shop-production-alb");
    expect(logs.retention_in_days).toBe(90);
    expect(logs.kms_key_id).toContain("aws_kms_key");
    expect((resource(staging, "aws_cloudwatch_log_group", "logs") as Any).retention_in_days).toBe(30);
    const logging = resource(prod, "aws_wafv2_web_acl_logging_configuration", "logging") as Any;
    expect(logging.redacted_fields).toEqual([
      { single_header: { name: "authorization" } },
      { single_header: { name: "cookie" } },
    ]);
    const association = resource(prod, "aws_wafv2_web_acl_association", "association") as Any;
    expect(association.resource_arn).toContain("aws_lb.");
  });
});

describe("integerAbove (Content-Length regex)", () => {
  it("matches exactly the integers above n", () => {
    for (const n of [0, 9, 10, 99, 100, 1024, 10_485_760, 999_999, 123_456_789]) {
      const re = new RegExp(integerAbove(n).replaceAll("\\d", "[0-9]"));
      const probes = [
        0,
        1,
        n - 1,
        n,
        n + 1,
        n + 9,
        n * 10,
        n * 10 + 1,
        Math.floor(n / 10),
        10 ** String(n).length,
        10 ** String(n).length - 1,
      ];
      for (let i = 0; i < 200; i++) probes.push(Math.floor(Math.random() * (n * 3 + 20)));
      for (const x of probes.filter((v) => v >= 0)) expect([n, x, re.test(String(x))]).toEqual([n, x, x > n]);
      expect(re.test(`000${n + 1}`)).toBe(true);
      expect(re.test("12a")).toBe(false);
    }
  });
});
