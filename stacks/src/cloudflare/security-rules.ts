import { PLAN_LIMITS, type Platform, planHas, RATE_LIMIT_PERIODS } from "@edge/platform";
import { integerAbove } from "../app/integer-regex.ts";
import { Construct } from "../providers/cdktf.ts";
import { Ruleset, type RulesetRules } from "../providers/cloudflare.ts";
import { stringSet } from "./expressions.ts";
import { type EnvironmentRule, zoneRules } from "./scoped-rules.ts";
import type { CloudflareZone } from "./zone-layout.ts";

export interface SecurityRulesProps {
  readonly zoneId: string;
  /** The zone: its plan and every environment (`rateLimits.waf`, `waf` block list and body size are read). */
  readonly zone: CloudflareZone;
}

/** The model's WAF rate is per minute. */
const ONE_MINUTE_SECONDS = 60;

/** Methods the origin serves; anything else (TRACE, CONNECT, WebDAV verbs) is refused at the edge. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Free rate-limiting rules may test the path only; this matches every path. */
const EVERY_PATH = 'http.request.uri.path contains "/"';

function firewallRules(zone: CloudflareZone, p: Platform): EnvironmentRule[] {
  const blockList = p.waf.ipBlockList;
  return [
    ...(blockList.length > 0
      ? [
          {
            ref: "block_ip_list",
            description: "Client networks on the model's block list",
            expression: `ip.src in {${blockList.join(" ")}}`,
            action: "block",
          },
        ]
      : []),
    // Content-Length compared by regex: `matches` needs Business or Enterprise (http.request.body.size an
    // Enterprise add-on). Below Business the AWS WAF body rule, NGINX and the origin enforce the limit alone.
    ...(planHas(zone.plan, "regexOperator")
      ? [
          {
            ref: "block_large_body",
            description: `Request bodies over ${p.waf.maxBodyBytes} bytes (by Content-Length)`,
            expression: `any(http.request.headers["content-length"][*] matches r"${integerAbove(p.waf.maxBodyBytes)}")`,
            action: "block",
          },
        ]
      : []),
    {
      ref: "block_unknown_methods",
      description: "Methods the origin does not serve",
      expression: `not http.request.method in ${stringSet(ALLOWED_METHODS)}`,
      action: "block",
    },
  ];
}

/**
 * The per-IP rate rule within the plan's limits: the model's per-minute rate over the longest accepted period up to
 * a minute (Free: 10 s, with the rate scaled and rounded up), blocking for the model's mitigation time or the plan's
 * longest timeout if that is shorter.
 */
export function rateLimitOf(zone: CloudflareZone, p: Platform): NonNullable<RulesetRules["ratelimit"]> {
  const limits = PLAN_LIMITS[zone.plan];
  const period = Math.max(
    ...RATE_LIMIT_PERIODS.filter((s) => s <= Math.min(ONE_MINUTE_SECONDS, limits.maxRateLimitPeriodSeconds)),
  );
  return {
    characteristics: ["cf.colo.id", "ip.src"],
    period,
    requestsPerPeriod: Math.ceil((p.rateLimits.waf.requestsPerMinute * period) / ONE_MINUTE_SECONDS),
    mitigationTimeout: Math.min(p.rateLimits.waf.mitigationSeconds, limits.maxMitigationTimeoutSeconds),
  };
}

/** Custom WAF rules (`http_request_firewall_custom`) and per-IP rate limiting (`http_ratelimit`), zone-wide. */
export class SecurityRules extends Construct {
  readonly firewall: Ruleset;
  readonly rateLimit: Ruleset;

  constructor(scope: Construct, id: string, props: SecurityRulesProps) {
    super(scope, id);
    const { zone } = props;
    const label = `${zone.owner.name} ${zone.name}`;
    this.firewall = new Ruleset(this, "custom-waf", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_request_firewall_custom",
      name: `${label} custom WAF rules`,
      rules: zoneRules(zone, (p) => firewallRules(zone, p)),
    });

    const limits = PLAN_LIMITS[zone.plan];
    const rateRules = zoneRules(
      zone,
      (p) => [
        {
          ref: "per_ip_rate",
          description: `More than ${p.rateLimits.waf.requestsPerMinute} requests per minute from one IP`,
          expression: limits.rateLimitHostField ? "" : EVERY_PATH,
          action: "block",
          ratelimit: rateLimitOf(zone, p),
        },
      ],
      { hostField: limits.rateLimitHostField },
    );
    if (rateRules.length > limits.rateLimitRules) {
      throw new RangeError(
        `zone ${zone.name}: ${rateRules.length} rate-limiting rules; the ${zone.plan} plan allows ${limits.rateLimitRules} — make the environments' rateLimits.waf equal, use separate zones, or a higher plan`,
      );
    }
    this.rateLimit = new Ruleset(this, "rate-limit", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_ratelimit",
      name: `${label} rate limiting`,
      rules: rateRules,
    });
  }
}
