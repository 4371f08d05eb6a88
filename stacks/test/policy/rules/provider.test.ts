// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax.
// Provider reality (CFP*): one violating and one compliant fixture per rule, synthesized by the real cdktf.
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js";
import { DataCloudflareWorkersScript } from "@cdktf/provider-cloudflare/lib/data-cloudflare-workers-script/index.js";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone/index.js";
import { Ruleset, type RulesetRules } from "@cdktf/provider-cloudflare/lib/ruleset/index.js";
import { WorkersRoute } from "@cdktf/provider-cloudflare/lib/workers-route/index.js";
import { ZoneSetting } from "@cdktf/provider-cloudflare/lib/zone-setting/index.js";
import { TerraformIterator, type TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { describeRules, evaluateRule, synthJson } from "../helpers.ts";

const ZONE = "${data.cloudflare_zone.zone.id}";

/** The zone lookup the stacks render, declaring `plan`. */
const zoneOnPlan = (stack: TerraformStack, plan: string) =>
  new DataCloudflareZone(stack, "zone", {
    filter: { name: "example.com" },
    lifecycle: {
      postcondition: [{ condition: `\${self.plan.legacy_id == "${plan}"}`, errorMessage: "plan" }],
    },
  });

const ruleset = (stack: TerraformStack, id: string, phase: string, rules: RulesetRules[]) =>
  new Ruleset(stack, id, { zoneId: ZONE, kind: "zone", name: id, phase, rules });

const cacheRule = (params: RulesetRules["actionParameters"], expression = 'http.host eq "example.com"') => ({
  ref: "cache_images",
  expression,
  action: "set_cache_settings",
  actionParameters: params,
});

const rateRule = (period: number, timeout: number, expression = 'http.request.uri.path contains "/"') => ({
  ref: "per_ip_rate",
  expression,
  action: "block",
  ratelimit: {
    characteristics: ["cf.colo.id", "ip.src"],
    period,
    requestsPerPeriod: 100,
    mitigationTimeout: timeout,
  },
});

const route = (stack: TerraformStack, dependsOn: DataCloudflareWorkersScript[]) =>
  new WorkersRoute(stack, "site", { zoneId: ZONE, pattern: "example.com/*", script: "shop-edge", dependsOn });

describeRules([
  {
    id: "CFP1",
    address: "cloudflare_ruleset.cache",
    violating: (s) => {
      ruleset(s, "cache", "http_request_cache_settings", [
        cacheRule({
          cache: true,
          cacheKey: { cacheDeceptionArmor: true, customKey: { header: { include: ["accept"] } } },
        }),
      ]);
    },
    compliant: (s) => {
      ruleset(s, "cache", "http_request_cache_settings", [
        cacheRule({
          cache: true,
          cacheKey: { cacheDeceptionArmor: true, customKey: { header: { include: ["x-variant"] } } },
        }),
      ]);
    },
  },
  {
    id: "CFP2",
    address: "cloudflare_ruleset.cache",
    violating: (s) => {
      zoneOnPlan(s, "pro");
      ruleset(s, "cache", "http_request_cache_settings", [
        cacheRule({ cache: true }, 'http.request.uri.path matches r"\\.[0-9a-f]{8}\\.js$"'),
      ]);
    },
    compliant: (s) => {
      zoneOnPlan(s, "business");
      ruleset(s, "cache", "http_request_cache_settings", [
        cacheRule({ cache: true }, 'http.request.uri.path matches r"\\.[0-9a-f]{8}\\.js$"'),
      ]);
    },
  },
  {
    id: "CFP3",
    address: "fixture",
    violating: (s) => {
      ruleset(s, "cache", "http_request_cache_settings", [cacheRule({ cache: true })]);
      ruleset(s, "cache-staging", "http_request_cache_settings", [cacheRule({ cache: false })]);
    },
    compliant: (s) => {
      ruleset(s, "cache", "http_request_cache_settings", [cacheRule({ cache: true })]);
      ruleset(s, "rate", "http_ratelimit", [rateRule(10, 10)]);
    },
  },
  {
    id: "CFP4",
    address: "cloudflare_workers_route.site",
    violating: (s) => {
      route(s, []);
    },
    compliant: (s) => {
      const script = new DataCloudflareWorkersScript(s, "script", {
        accountId: "${var.account}",
        scriptName: "shop-edge",
      });
      route(s, [script]);
    },
  },
  {
    id: "CFP5",
    address: "aws_vpc_security_group_ingress_rule.https",
    violating: (s) => {
      const cidrs = new TerraformVariable(s, "cidrs", { type: "list(string)", default: ["0.0.0.0/0"] });
      const each = TerraformIterator.fromList(cidrs.listValue);
      new VpcSecurityGroupIngressRule(s, "https", {
        forEach: each,
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: each.value,
      });
    },
    compliant: (s) => {
      const cidrs = new TerraformVariable(s, "cidrs", { type: "list(string)", default: ["173.245.48.0/20"] });
      const each = TerraformIterator.fromList(cidrs.listValue);
      new VpcSecurityGroupIngressRule(s, "https", {
        forEach: each,
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: each.value,
      });
    },
  },
]);

describe("CFP2 plan gates, one per kind", () => {
  const details = (build: (s: TerraformStack) => void) =>
    evaluateRule("CFP2", synthJson(build)).findings.map((f) => f.detail ?? "");

  it("a stack that declares no plan is judged as Free", () => {
    expect(details((s) => ruleset(s, "rate", "http_ratelimit", [rateRule(60, 600)])).join()).toMatch(
      /period 60 s exceeds the free plan's 10 s.*mitigation_timeout 600 s exceeds the free plan's 10 s/,
    );
  });

  it("names the lowest plan that has a gated feature", () => {
    const found = details((s) => {
      zoneOnPlan(s, "business");
      ruleset(s, "cache", "http_request_cache_settings", [
        cacheRule({
          cache: true,
          cacheKey: { customKey: { queryString: { exclude: { list: ["utm_source"] } } } },
        }),
      ]);
    });
    expect(found.join()).toMatch(/custom cache keys .* needs the enterprise plan \(declared: business\)/);
  });

  it("edge TTLs below the plan's minimum, managed rulesets, http.host in Free rate limits, http2 on Free", () => {
    expect(
      details((s) => {
        zoneOnPlan(s, "pro");
        ruleset(s, "cache", "http_request_cache_settings", [
          cacheRule({ cache: true, edgeTtl: { mode: "override_origin", default: 300 } }),
        ]);
      }).join(),
    ).toMatch(/edge TTL 300 s is below the pro plan's minimum of 3600 s/);
    expect(
      details((s) => {
        zoneOnPlan(s, "free");
        ruleset(s, "managed", "http_request_firewall_managed", [
          {
            ref: "owasp",
            expression: "true",
            action: "execute",
            actionParameters: { id: "4814384a9e5d4991b9815dcfc25d2f1f" },
          },
        ]);
        ruleset(s, "rate", "http_ratelimit", [rateRule(10, 10, 'http.host eq "example.com"')]);
        new ZoneSetting(s, "http2", {
          zoneId: ZONE,
          settingId: "http2",
          value: "on" as unknown as Record<string, string>,
        });
      }).join(),
    ).toMatch(
      /OWASP Core Ruleset needs the pro plan.*may test the path only.*changing the http2 zone setting needs the pro plan/s,
    );
  });
});
