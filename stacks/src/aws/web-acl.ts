import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  CloudwatchLogGroup,
  Wafv2IpSet,
  Wafv2WebAcl,
  Wafv2WebAclAssociation,
  Wafv2WebAclLoggingConfiguration,
} from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import {
  headerMatches,
  integerAbove,
  ipSetReference,
  managedRuleGroup,
  not,
  rateLimitPerIp,
  wafRule,
} from "./waf-statements.ts";

export interface WebAclProps {
  readonly platform: Platform;
  /** ARN of the load balancer the ACL protects. */
  readonly resourceArn: string;
  /** KMS key for the WAF log group. @default the log group's service-managed encryption */
  readonly logsKmsKeyArn?: string;
}

/** Name of the environment's web ACL (the `WebACL` dimension of its CloudWatch metrics). */
export const webAclName = (p: Platform) => awsName(p, "alb");

/** The model counts its WAF rate per minute; AWS supports 60-second windows. */
const ONE_MINUTE_WINDOW = 60;

/** Priorities of our own rules; the model's managed rule groups must not use them. */
export const OWN_RULE_PRIORITY = {
  "require-client-ip": 0,
  "ip-block-list": 1,
  "rate-per-ip": 2,
  "body-size": 3,
} as const;

/**
 * Behind Cloudflare (and the edge worker) every connection to the ALB comes from a Cloudflare egress IP; the
 * client's address is in `CF-Connecting-IP` (Cloudflare, "Cloudflare HTTP headers": set on traffic from
 * Cloudflare to the origin, and on same-zone Worker subrequests it carries the visitor's IP). Rules keyed on the
 * client IP read it there. A header holding no valid IP is a forgery (Cloudflare always writes one): fallback
 * MATCH blocks it. AWS WAF skips a forwarded-IP rule when the header is absent, so `require-client-ip` blocks
 * requests without it — only Cloudflare may reach the ALB.
 */
export const CLIENT_IP_HEADER = "cf-connecting-ip";
/** An IPv4 or IPv6 literal, nothing else: what Cloudflare writes into CF-Connecting-IP. */
const IP_LITERAL = "^[0-9A-Fa-f:.]{2,45}$";

/**
 * WAFv2 web ACL for the ALB: client IP required (CF-Connecting-IP), IP block list, per-IP rate limit, body-size limit, the model's managed rule groups,
 * logging to CloudWatch Logs (credentials redacted) and the association to the load balancer.
 */
export class WebAcl extends Construct {
  readonly acl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const p = props.platform;
    const ownPriorities = new Set<number>(Object.values(OWN_RULE_PRIORITY));
    for (const [group, cfg] of Object.entries(p.waf.managedRuleGroups)) {
      if (ownPriorities.has(cfg.priority)) {
        throw new RangeError(
          `waf.managedRuleGroups.${group}.priority: ${cfg.priority} is taken by a built-in rule ` +
            `(${[...ownPriorities].join(", ")}); use another priority`,
        );
      }
    }

    const blockList = new Wafv2IpSet(this, "ip-block-list", {
      name: awsName(p, "blocked-ips"),
      scope: "REGIONAL",
      ipAddressVersion: "IPV4",
      addresses: [...p.waf.ipBlockList],
      description: "Client networks that are always refused (waf.ipBlockList)",
    });

    const rules = [
      wafRule({
        name: "require-client-ip",
        priority: OWN_RULE_PRIORITY["require-client-ip"],
        statement: not(headerMatches(CLIENT_IP_HEADER, IP_LITERAL)),
      }),
      wafRule({
        name: "ip-block-list",
        priority: OWN_RULE_PRIORITY["ip-block-list"],
        statement: ipSetReference(blockList.arn, {
          header_name: CLIENT_IP_HEADER,
          fallback_behavior: "MATCH",
          position: "FIRST",
        }),
      }),
      wafRule({
        name: "rate-per-ip",
        priority: OWN_RULE_PRIORITY["rate-per-ip"],
        statement: rateLimitPerIp(p.rateLimits.waf.requestsPerMinute, ONE_MINUTE_WINDOW, {
          header_name: CLIENT_IP_HEADER,
          fallback_behavior: "MATCH",
        }),
      }),
      wafRule({
        name: "body-size",
        priority: OWN_RULE_PRIORITY["body-size"],
        statement: headerMatches("content-length", integerAbove(p.waf.maxBodyBytes)),
      }),
      ...Object.entries(p.waf.managedRuleGroups).map(([name, group]) =>
        wafRule({
          name,
          priority: group.priority,
          statement: managedRuleGroup(group.vendor, name, group.excludedRules),
        }),
      ),
    ];

    this.acl = new Wafv2WebAcl(this, "acl", {
      name: webAclName(p),
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: awsName(p, "alb"),
      },
    });

    // WAF requires the `aws-waf-logs-` name prefix for CloudWatch Logs destinations.
    const logs = new CloudwatchLogGroup(this, "logs", {
      name: `aws-waf-logs-${awsName(p, "alb")}`,
      retentionInDays: p.waf.logRetentionDays,
      ...(props.logsKmsKeyArn ? { kmsKeyId: props.logsKmsKeyArn } : {}),
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.acl.arn,
      logDestinationConfigs: [logs.arn],
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
    });
    new Wafv2WebAclAssociation(this, "association", {
      resourceArn: props.resourceArn,
      webAclArn: this.acl.arn,
    });
  }
}
