import type { Platform, Pool } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { AutoscalingGroup, LaunchTemplate } from "../providers/aws.ts";
import { Construct, type ITerraformDependable, Token } from "../providers/cdktf.ts";

export interface PoolInstancesProps {
  readonly platform: Platform;
  /** Pool name (key of `pools`). */
  readonly poolName: string;
  readonly pool: Pool;
  /** AMI the pool boots (an input: images are built elsewhere). */
  readonly imageId: string;
  /** Root device name of that AMI (`/dev/xvda` on Amazon Linux 2023). */
  readonly rootDeviceName: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Target group the instances register with. */
  readonly targetGroupArn: string;
  /** Instance profile (CloudWatch agent for memory metrics, SSM). @default none */
  readonly instanceProfileName?: string;
  /** Base64 boot script (the CloudWatch agent's configuration is loaded there). @default none */
  readonly userDataBase64?: string;
  /** What must exist before instances boot (the agent's SSM parameter). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** One hop: containers on the instance cannot reach the metadata service through it. */
const METADATA_HOP_LIMIT = 1;

/**
 * Launch template (IMDSv2 required, encrypted gp3 root volume, detailed monitoring) and the pool's Auto Scaling
 * group: mixed instances (on-demand base + percentage above base, the rest spot), capacity rebalance, ELB
 * health checks. The group's desired capacity is left to the scaling policies after creation.
 */
export class PoolInstances extends Construct {
  readonly group: AutoscalingGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: PoolInstancesProps) {
    super(scope, id);
    const { platform: p, pool, poolName } = props;
    const s = pool.scaling;
    if (s.minSize > s.maxSize || s.desiredCapacity < s.minSize || s.desiredCapacity > s.maxSize) {
      throw new RangeError(
        `pools.${poolName}.scaling: need minSize (${s.minSize}) ≤ desiredCapacity (${s.desiredCapacity}) ≤ maxSize (${s.maxSize})`,
      );
    }

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: awsName(p, poolName),
      description: pool.description,
      imageId: props.imageId,
      instanceType: s.instanceTypes[0],
      vpcSecurityGroupIds: props.securityGroupIds,
      updateDefaultVersion: true,
      ebsOptimized: "true",
      monitoring: { enabled: true },
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: METADATA_HOP_LIMIT,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: props.rootDeviceName,
          ebs: {
            volumeSize: s.rootVolumeGiB,
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      ...(props.instanceProfileName ? { iamInstanceProfile: { name: props.instanceProfileName } } : {}),
      ...(props.userDataBase64 ? { userData: props.userDataBase64 } : {}),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
      tagSpecifications: [{ resourceType: "instance", tags: { Name: awsName(p, poolName), Pool: poolName } }],
    });

    this.group = new AutoscalingGroup(this, "group", {
      name: awsName(p, poolName),
      minSize: s.minSize,
      maxSize: s.maxSize,
      desiredCapacity: s.desiredCapacity,
      vpcZoneIdentifier: props.subnetIds,
      targetGroupArns: [props.targetGroupArn],
      healthCheckType: "ELB",
      healthCheckGracePeriod: s.instanceWarmupSeconds,
      defaultInstanceWarmup: s.instanceWarmupSeconds,
      capacityRebalance: s.capacityRebalance,
      metricsGranularity: "1Minute",
      enabledMetrics: [
        "GroupInServiceInstances",
        "GroupMinSize",
        "GroupDesiredCapacity",
        "GroupPendingInstances",
      ],
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity: s.onDemandBaseCapacity,
          onDemandPercentageAboveBaseCapacity: s.onDemandPercentageAboveBase,
          spotAllocationStrategy: s.spotAllocationStrategy,
        },
        launchTemplate: {
          // The version number, not "$Latest": the provider documents that an instance refresh does not start
          // with "$Latest" (aws_autoscaling_group, instance_refresh notes). A new template version changes this
          // number, which starts the rolling refresh.
          launchTemplateSpecification: {
            launchTemplateId: this.launchTemplate.id,
            version: Token.asString(this.launchTemplate.latestVersion),
          },
          override: s.instanceTypes.map((instanceType) => ({ instanceType })),
        },
      },
      // A new launch template version rolls through the group (AWS defaults: 90% stay healthy).
      instanceRefresh: { strategy: "Rolling" },
      tag: [{ key: "Pool", value: poolName, propagateAtLaunch: true }],
      // Scaling policies and schedules own the desired capacity once the group exists.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });
  }
}
