import type { Platform } from "@edge/platform";
import { DataAwsVpc, Route53Record } from "../providers/aws.ts";
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from "../providers/cdktf.ts";
import { LoadBalancer } from "./load-balancer.ts";
import { cloudflareIngress, originAuthValues } from "./origin-lockdown.ts";
import { PlatformKey } from "./platform-key.ts";
import { addAwsProvider } from "./provider.ts";
import { WebAcl } from "./web-acl.ts";

export interface AwsEdgeStackProps {
  /** The resolved model of one environment. */
  readonly platform: Platform;
}

/**
 * The AWS origin edge of one environment: ALB + target groups + listener rules, WAFv2, the origin DNS record.
 * VPC, subnets, certificate and hosted zone are inputs (Terraform variables), not created here.
 */
export class AwsEdgeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AwsEdgeStackProps) {
    super(scope, id);
    const p = props.platform;
    addAwsProvider(this, p, "aws-edge");

    const vpcId = new TerraformVariable(this, "vpc_id", {
      type: "string",
      description: "VPC of the ALB and pools",
    });
    const subnets = new TerraformVariable(this, "public_subnet_ids", {
      type: "list(string)",
      description: "Public subnets of the ALB (two or more availability zones)",
    });
    const certificate = new TerraformVariable(this, "certificate_arn", {
      type: "string",
      description: `ACM certificate covering ${new URL(p.origin.url).hostname}`,
    });
    const hostedZone = new TerraformVariable(this, "hosted_zone_id", {
      type: "string",
      description: "Route 53 hosted zone of the origin host name",
    });
    // Origin lockdown: only Cloudflare's ranges reach the ALB (README, "Origin lockdown").
    const cloudflare = cloudflareIngress(p);
    const ingress = new TerraformVariable(this, "alb_ingress_cidrs", {
      type: "list(string)",
      default: cloudflare.ipv4,
      description: "IPv4 networks allowed to reach the ALB (default: Cloudflare's ranges from the model)",
    });
    const ingressIpv6 = new TerraformVariable(this, "alb_ingress_ipv6_cidrs", {
      type: "list(string)",
      default: cloudflare.ipv6,
      description: "IPv6 networks allowed to reach the ALB (default: Cloudflare's ranges from the model)",
    });
    const vpc = new DataAwsVpc(this, "vpc", { id: vpcId.stringValue });

    const lb = new LoadBalancer(this, "load-balancer", {
      platform: p,
      vpcId: vpcId.stringValue,
      vpcCidr: vpc.cidrBlock,
      subnetIds: subnets.listValue,
      certificateArn: certificate.stringValue,
      ingressCidrs: ingress.listValue,
      ingressIpv6Cidrs: ingressIpv6.listValue,
      // And only requests carrying the worker's secret header reach a target (README, "Origin lockdown").
      originAuthValues: originAuthValues(this, p),
    });
    const key = new PlatformKey(this, "key", { platform: p, purpose: "edge" });
    new WebAcl(this, "waf", { platform: p, resourceArn: lb.alb.arn, logsKmsKeyArn: key.key.arn });

    new Route53Record(this, "origin-record", {
      zoneId: hostedZone.stringValue,
      name: new URL(p.origin.url).hostname,
      type: "A",
      alias: { name: lb.alb.dnsName, zoneId: lb.alb.zoneId, evaluateTargetHealth: true },
    });

    new TerraformOutput(this, "alb_dns_name", { value: lb.alb.dnsName });
    new TerraformOutput(this, "target_group_arns", {
      value: Object.fromEntries(Object.entries(lb.targetGroups.byPool).map(([k, tg]) => [k, tg.arn])),
    });
  }
}
