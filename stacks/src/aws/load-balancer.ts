import type { Platform } from "@edge/platform";
import { lookup } from "../app/lookup.ts";
import { awsName } from "../app/naming.ts";
import {
  Lb,
  LbListener,
  LbListenerRule,
  SecurityGroup,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from "../providers/aws.ts";
import { Construct, TerraformIterator } from "../providers/cdktf.ts";
import { AccessLogBucket } from "./access-log-bucket.ts";
import { type AlbRuleAction, albListenerRules } from "./alb-routing.ts";
import { cloudflareIngress } from "./origin-lockdown.ts";
import { TargetGroups } from "./target-groups.ts";

export interface LoadBalancerProps {
  readonly platform: Platform;
  readonly vpcId: string;
  /** CIDR of the VPC: the ALB may only talk to targets inside it. */
  readonly vpcCidr: string;
  /** Public subnets, at least two availability zones. */
  readonly subnetIds: string[];
  /** ACM certificate of the origin host name. */
  readonly certificateArn: string;
  /**
   * Networks allowed to reach the listeners (a list or a list token, e.g. a Terraform variable). Set it to
   * Cloudflare's published ranges so nobody can reach the origin around the CDN and its WAF.
   * @default Cloudflare's IPv4 ranges from the model (`loadBalancer.realIp.trustedProxies`)
   */
  readonly ingressCidrs?: string[];
  /**
   * IPv6 networks allowed to reach the listeners.
   * @default Cloudflare's IPv6 ranges from the model (`loadBalancer.realIp.trustedProxies`)
   */
  readonly ingressIpv6Cidrs?: string[];
  /**
   * Accepted values of the origin-auth header (`originAuth.headerName`), a list token of sensitive Terraform
   * variables (`originAuthValues`). Required: every forwarding rule requires the header, values never live in the
   * repository, and the listener answers any request without an accepted value with a 403.
   */
  readonly originAuthValues: string[];
}

/** TLS policies: 1.3 only, or 1.3 with 1.2 fallback, matching the zone's minimum TLS version. */
const TLS_POLICY = {
  "1.3": "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "1.2": "ELBSecurityPolicy-TLS13-1-2-2021-06",
} as const;

const HTTPS_PORT = 443;
const HTTP_PORT = 80;
/** What the listener answers a request no rule takes (no accepted origin-auth value): short, no detail. */
export const LOCKED_RESPONSE = {
  statusCode: "403",
  contentType: "text/plain",
  messageBody: "Forbidden",
} as const;

/**
 * The public ALB: HTTPS listener (TLS 1.3 policy), HTTP → HTTPS redirect, invalid header dropping, access logs,
 * deletion protection from the model, a target group per pool and the route classes' listener rules. Origin
 * lockdown: ingress from Cloudflare's ranges only, and every rule that forwards to a target group requires the
 * origin-auth header; the HTTPS listener's default action is a fixed 403 (the HTTP listener only redirects).
 */
export class LoadBalancer extends Construct {
  readonly alb: Lb;
  readonly securityGroup: SecurityGroup;
  readonly targetGroups: TargetGroups;
  readonly https: LbListener;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const p = props.platform;
    const ingressCidrs = props.ingressCidrs ?? cloudflareIngress(p).ipv4;
    const ingressIpv6Cidrs = props.ingressIpv6Cidrs ?? cloudflareIngress(p).ipv6;

    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: awsName(p, "alb"),
      description: "Public ALB: HTTP(S) in, pool ports to the VPC out",
      vpcId: props.vpcId,
    });
    const sg = this.securityGroup.id;
    // One rule per port and network: `for_each` over the list, so the networks can be a Terraform input.
    const networks = TerraformIterator.fromList(ingressCidrs);
    for (const port of [HTTPS_PORT, HTTP_PORT]) {
      new VpcSecurityGroupIngressRule(this, `ingress-${port}`, {
        forEach: networks,
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: networks.value,
        description: port === HTTPS_PORT ? "HTTPS" : "HTTP (redirected to HTTPS)",
      });
      const networksIpv6 = TerraformIterator.fromList(ingressIpv6Cidrs);
      new VpcSecurityGroupIngressRule(this, `ingress-${port}-ipv6`, {
        forEach: networksIpv6,
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv6: networksIpv6.value,
        description: port === HTTPS_PORT ? "HTTPS (IPv6)" : "HTTP (IPv6, redirected to HTTPS)",
      });
    }
    for (const [name, pool] of Object.entries(p.pools)) {
      new VpcSecurityGroupEgressRule(this, `egress-${name}`, {
        securityGroupId: sg,
        ipProtocol: "tcp",
        fromPort: pool.port,
        toPort: pool.port,
        cidrIpv4: props.vpcCidr,
        description: `Pool ${name}`,
      });
    }

    const logs = new AccessLogBucket(this, "access-logs", { platform: p });
    this.alb = new Lb(this, "alb", {
      name: awsName(p, "alb"),
      loadBalancerType: "application",
      internal: false,
      subnets: props.subnetIds,
      securityGroups: [sg],
      idleTimeout: p.aws.albIdleTimeoutSeconds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: p.aws.deletionProtection,
      accessLogs: { bucket: logs.bucket.id, prefix: p.aws.accessLogsPrefix, enabled: true },
      // AWS checks log delivery when the ALB is created: the bucket policy must exist first.
      dependsOn: [logs.deliveryPolicy],
    });

    this.targetGroups = new TargetGroups(this, "target-groups", { platform: p, vpcId: props.vpcId });
    const tg = this.targetGroups.byPool;

    this.https = new LbListener(this, "https", {
      loadBalancerArn: this.alb.arn,
      port: HTTPS_PORT,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY[p.zone.minTlsVersion],
      certificateArn: props.certificateArn,
      // Nothing reaches a target without an accepted origin-auth value: the default pool has its own rule.
      defaultAction: [{ type: "fixed-response", fixedResponse: LOCKED_RESPONSE }],
    });
    new LbListener(this, "http-redirect", {
      loadBalancerArn: this.alb.arn,
      port: HTTP_PORT,
      protocol: "HTTP",
      defaultAction: [
        {
          type: "redirect",
          redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" },
        },
      ],
    });

    const toAction = (action: AlbRuleAction) =>
      action.type === "forward"
        ? { type: "forward", targetGroupArn: lookup(tg, action.pool, "pool").arn }
        : {
            type: "redirect",
            redirect: {
              host: action.host,
              protocol: "HTTPS",
              port: String(HTTPS_PORT),
              path: "/#{path}",
              query: "#{query}",
              statusCode: "HTTP_301",
            },
          };
    const originAuth = { httpHeaderName: p.originAuth.headerName, values: props.originAuthValues };
    for (const rule of albListenerRules(p)) {
      new LbListenerRule(this, `rule-${rule.key}`, {
        listenerArn: this.https.arn,
        priority: rule.priority,
        action: [toAction(rule.action)],
        condition: [
          ...(rule.pathPatterns.length > 0 ? [{ pathPattern: { values: rule.pathPatterns } }] : []),
          ...(rule.hostHeaders ? [{ hostHeader: { values: rule.hostHeaders } }] : []),
          ...(rule.requiresOriginAuth ? [{ httpHeader: originAuth }] : []),
        ],
      });
    }
  }
}
