import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  DataAwsAmi,
  DataAwsLb,
  DataAwsLbTargetGroup,
  DataAwsSecurityGroup,
  DataAwsVpc,
  SecurityGroup,
  SnsTopic,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from "../providers/aws.ts";
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from "../providers/cdktf.ts";
import { Dashboard, type DashboardPool } from "./dashboard.ts";
import { L2Cache } from "./l2-cache.ts";
import { PlatformKey } from "./platform-key.ts";
import { PoolAlarms } from "./pool-alarms.ts";
import { PoolInstances } from "./pool-instances.ts";
import { PoolScaling } from "./pool-scaling.ts";
import { addAwsProvider } from "./provider.ts";
import { ServiceLevels } from "./service-levels.ts";
import { targetGroupName } from "./target-groups.ts";

export interface AwsComputeStackProps {
  /** The resolved model of one environment. */
  readonly platform: Platform;
}

const HTTPS_PORT = 443;
const CACHE_PORT = 6379;

/**
 * The pools of one environment: launch templates, Auto Scaling groups with their scaling policies, schedules
 * and alarms, the dashboard and the L2 cache. It finds the ALB, its security group and the target groups of the
 * aws-edge stack by name (data sources), so aws-edge deploys first.
 */
export class AwsComputeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AwsComputeStackProps) {
    super(scope, id);
    const p = props.platform;
    addAwsProvider(this, p, "aws-compute");

    const vpcId = new TerraformVariable(this, "vpc_id", { type: "string", description: "VPC of the pools" })
      .stringValue;
    const subnetIds = new TerraformVariable(this, "private_subnet_ids", {
      type: "list(string)",
      description: "Private subnets of the pools and the cache (two or more availability zones)",
    }).listValue;
    const imageId = new TerraformVariable(this, "ami_id", {
      type: "string",
      description: "AMI the pools boot (built and published outside these stacks)",
    }).stringValue;
    const instanceProfile = new TerraformVariable(this, "instance_profile_name", {
      type: "string",
      description: "Instance profile with CloudWatch agent and SSM permissions",
    }).stringValue;

    const vpc = new DataAwsVpc(this, "vpc", { id: vpcId });
    // The AMI's own root device, so the encrypted volume below replaces it instead of adding a second disk.
    const ami = new DataAwsAmi(this, "ami", { filter: [{ name: "image-id", values: [imageId] }] });
    const alb = new DataAwsLb(this, "alb", { name: awsName(p, "alb") });
    const albSg = new DataAwsSecurityGroup(this, "alb-security-group", { name: awsName(p, "alb"), vpcId });

    const poolSg = new SecurityGroup(this, "pools-security-group", {
      name: awsName(p, "pools"),
      description: "Pool instances: pool ports from the ALB only",
      vpcId,
    });
    for (const [name, pool] of Object.entries(p.pools)) {
      new VpcSecurityGroupIngressRule(this, `pools-ingress-${name}`, {
        securityGroupId: poolSg.id,
        ipProtocol: "tcp",
        fromPort: pool.port,
        toPort: pool.port,
        referencedSecurityGroupId: albSg.id,
        description: `Pool ${name} from the ALB`,
      });
    }
    new VpcSecurityGroupEgressRule(this, "pools-egress-https", {
      securityGroupId: poolSg.id,
      ipProtocol: "tcp",
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to AWS APIs and upstream services",
    });
    new VpcSecurityGroupEgressRule(this, "pools-egress-cache", {
      securityGroupId: poolSg.id,
      ipProtocol: "tcp",
      fromPort: CACHE_PORT,
      toPort: CACHE_PORT,
      cidrIpv4: vpc.cidrBlock,
      description: "L2 cache",
    });
    const cacheSg = new SecurityGroup(this, "cache-security-group", {
      name: awsName(p, "l2"),
      description: "L2 cache: from the pools only",
      vpcId,
    });
    new VpcSecurityGroupIngressRule(this, "cache-ingress", {
      securityGroupId: cacheSg.id,
      ipProtocol: "tcp",
      fromPort: CACHE_PORT,
      toPort: CACHE_PORT,
      referencedSecurityGroupId: poolSg.id,
      description: "From the pools",
    });

    const key = new PlatformKey(this, "key", {
      platform: p,
      purpose: "compute",
      allowCloudWatchAlarms: true,
    });
    const alarmTopic = new SnsTopic(this, "alarm-topic", {
      name: awsName(p, "alarms"),
      // CloudWatch cannot publish to a topic under the AWS-managed SNS key; the stack's key allows it.
      kmsMasterKeyId: key.key.arn,
    });

    const dashboardPools: Record<string, DashboardPool> = {};
    const targetGroupArnSuffixes: Record<string, string> = {};
    for (const [name, pool] of Object.entries(p.pools)) {
      const tg = new DataAwsLbTargetGroup(this, `target-group-${name}`, { name: targetGroupName(p, name) });
      const instances = new PoolInstances(this, `pool-${name}`, {
        platform: p,
        poolName: name,
        pool,
        imageId,
        rootDeviceName: ami.rootDeviceName,
        subnetIds,
        securityGroupIds: [poolSg.id],
        targetGroupArn: tg.arn,
        instanceProfileName: instanceProfile,
      });
      const groupName = instances.group.name;
      new PoolScaling(this, `scaling-${name}`, { platform: p, poolName: name, pool, groupName });
      new PoolAlarms(this, `alarms-${name}`, {
        platform: p,
        poolName: name,
        groupName,
        loadBalancerArnSuffix: alb.arnSuffix,
        targetGroupArnSuffix: tg.arnSuffix,
        notifyArns: [alarmTopic.arn],
      });
      dashboardPools[name] = { groupName, targetGroupArnSuffix: tg.arnSuffix };
      targetGroupArnSuffixes[name] = tg.arnSuffix;
    }

    const cache = new L2Cache(this, "l2-cache", {
      platform: p,
      kmsKeyArn: key.key.arn,
      notifyArns: [alarmTopic.arn],
      subnetIds,
      securityGroupIds: [cacheSg.id],
      port: CACHE_PORT,
    });
    new Dashboard(this, "dashboard", {
      platform: p,
      loadBalancerArnSuffix: alb.arnSuffix,
      pools: dashboardPools,
      cacheReplicationGroupId: cache.group.id,
    });

    // Seam: one topic for both severities until the per-severity alert destinations exist.
    const notify = { page: [alarmTopic.arn], ticket: [alarmTopic.arn] };
    new ServiceLevels(this, "slo", {
      platform: p,
      layer: "aws-compute",
      loadBalancerArnSuffix: alb.arnSuffix,
      targetGroupArnSuffixes,
      notify,
    });

    new TerraformOutput(this, "l2_cache_endpoint", { value: cache.group.primaryEndpointAddress });
    new TerraformOutput(this, "alarm_topic_arn", { value: alarmTopic.arn });
  }
}
