import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  AutoscalingNotification,
  DataAwsAmi,
  DataAwsLb,
  DataAwsLbTargetGroup,
  DataAwsSecurityGroup,
  DataAwsVpc,
  SecurityGroup,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from "../providers/aws.ts";
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from "../providers/cdktf.ts";
import { AlertTopics } from "./alert-topics.ts";
import { CloudWatchAgent } from "./cloudwatch-agent.ts";
import { Dashboard, type DashboardPool } from "./dashboard.ts";
import { EdgeAlarms } from "./edge-alarms.ts";
import { L2Cache } from "./l2-cache.ts";
import { L2CacheAlarms } from "./l2-cache-alarms.ts";
import { PlatformKey } from "./platform-key.ts";
import { PoolAlarms } from "./pool-alarms.ts";
import { PoolInstances } from "./pool-instances.ts";
import { PoolScaling } from "./pool-scaling.ts";
import { addAwsProvider } from "./provider.ts";
import { ServiceLevels } from "./service-levels.ts";
import { targetGroupName } from "./target-groups.ts";
import { webAclName } from "./web-acl.ts";
import { WorkQueue } from "./work-queue.ts";

export interface AwsComputeStackProps {
  /** The resolved model of one environment. */
  readonly platform: Platform;
}

const HTTPS_PORT = 443;
const CACHE_PORT = 6379;

/**
 * The pools of one environment: launch templates (with the CloudWatch agent), Auto Scaling groups with their
 * scaling policies, schedules, notifications and alarms, the work queues, the L2 cache with its alarms, alert
 * topics per severity and the dashboard. It finds the ALB, its security group and the target groups of the
 * aws-edge stack by name (data sources): build-app.ts declares the stack dependency, so aws-edge deploys first.
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
      allowAutoScalingNotifications: true,
    });
    const alerts = new AlertTopics(this, "alerts", { platform: p, kmsKeyArn: key.key.arn });

    const cache = new L2Cache(this, "l2-cache", {
      platform: p,
      kmsKeyArn: key.key.arn,
      subnetIds,
      securityGroupIds: [cacheSg.id],
      port: CACHE_PORT,
    });
    const cacheAlarms = new L2CacheAlarms(this, "l2-cache-alarms", {
      platform: p,
      group: cache.group,
      alerts,
    });

    const queues: WorkQueue[] = [];
    for (const [name, pool] of Object.entries(p.pools)) {
      const q = pool.scaling.queueDepth;
      if (q) {
        queues.push(
          new WorkQueue(this, `queue-${name}`, {
            platform: p,
            queueName: q.queueName,
            maxReceiveCount: q.maxReceiveCount,
          }),
        );
      }
    }
    const agent = new CloudWatchAgent(this, "cloudwatch-agent", {
      platform: p,
      statements: [
        {
          Sid: "L2CacheIamAuth",
          Effect: "Allow",
          Action: "elasticache:Connect",
          Resource: [cache.group.arn, cache.appUser.arn],
        },
        ...(queues.length > 0
          ? [
              {
                Sid: "WorkQueues",
                Effect: "Allow",
                Action: [
                  "sqs:SendMessage",
                  "sqs:ReceiveMessage",
                  "sqs:DeleteMessage",
                  "sqs:ChangeMessageVisibility",
                  "sqs:GetQueueAttributes",
                ],
                Resource: queues.map((q) => q.queue.arn),
              },
            ]
          : []),
      ],
    });

    const dashboardPools: Record<string, DashboardPool> = {};
    const groupNames: string[] = [];
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
        instanceProfileName: agent.instanceProfileName,
        userDataBase64: agent.userDataBase64,
        dependsOn: [agent.parameter],
      });
      const groupName = instances.group.name;
      groupNames.push(groupName);
      new PoolScaling(this, `scaling-${name}`, {
        platform: p,
        poolName: name,
        pool,
        groupName,
        requestCountResourceLabel: `${alb.arnSuffix}/${tg.arnSuffix}`,
      });
      const poolAlarms = new PoolAlarms(this, `alarms-${name}`, {
        platform: p,
        poolName: name,
        groupName,
        loadBalancerArnSuffix: alb.arnSuffix,
        targetGroupArnSuffix: tg.arnSuffix,
        alerts,
      });
      dashboardPools[name] = {
        groupName,
        targetGroupArnSuffix: tg.arnSuffix,
        alarmArns: Object.values(poolAlarms.alarms).map((a) => a.arn),
      };
      targetGroupArnSuffixes[name] = tg.arnSuffix;
    }
    // Launches and terminations that fail (capacity, AMI, quota) reach the ticket queue.
    new AutoscalingNotification(this, "group-notifications", {
      groupNames,
      notifications: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"],
      topicArn: alerts.topicFor("ticket"),
    });

    const edgeAlarms = new EdgeAlarms(this, "edge-alarms", {
      platform: p,
      loadBalancerArnSuffix: alb.arnSuffix,
      webAclName: webAclName(p),
      alerts,
    });
    new Dashboard(this, "dashboard", {
      platform: p,
      loadBalancerArnSuffix: alb.arnSuffix,
      pools: dashboardPools,
      cacheClusterIds: cacheAlarms.clusterIds,
      sharedAlarmArns: [...edgeAlarms.alarms, ...cacheAlarms.alarms].map((a) => a.arn),
    });

    const notify = { page: [alerts.topicFor("page")], ticket: [alerts.topicFor("ticket")] };
    new ServiceLevels(this, "slo", {
      platform: p,
      layer: "aws-compute",
      loadBalancerArnSuffix: alb.arnSuffix,
      targetGroupArnSuffixes,
      notify,
    });

    new TerraformOutput(this, "l2_cache_endpoint", { value: cache.group.primaryEndpointAddress });
    new TerraformOutput(this, "alert_topic_arns", { value: alerts.topicArns });
  }
}
