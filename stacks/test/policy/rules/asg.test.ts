import { AutoscalingAttachment } from "@cdktf/provider-aws/lib/autoscaling-attachment/index.js";
import {
  AutoscalingGroup,
  type AutoscalingGroupConfig,
} from "@cdktf/provider-aws/lib/autoscaling-group/index.js";
import { LaunchTemplate, type LaunchTemplateConfig } from "@cdktf/provider-aws/lib/launch-template/index.js";
import type { TerraformStack } from "cdktf";
import { describeRules } from "../helpers.ts";

const SECURE_TEMPLATE: LaunchTemplateConfig = {
  namePrefix: "web-",
  imageId: "ami-0123456789abcdef0",
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [
    { deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 20 } },
  ],
  networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }],
};
const template = (stack: TerraformStack, overrides: Partial<LaunchTemplateConfig> = {}) =>
  (stack.node.tryFindChild("web") as LaunchTemplate | undefined) ??
  new LaunchTemplate(stack, "web", { ...SECURE_TEMPLATE, ...overrides });

const group = (stack: TerraformStack, overrides: Partial<AutoscalingGroupConfig> = {}) =>
  new AutoscalingGroup(stack, "pool", {
    minSize: 2,
    maxSize: 6,
    vpcZoneIdentifier: ["subnet-a", "subnet-b", "subnet-c"],
    launchTemplate: { id: template(stack).id, version: "$Latest" },
    targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1"],
    healthCheckType: "ELB",
    ...overrides,
  });

describeRules([
  {
    id: "ASG1",
    address: "aws_launch_template.web",
    violating: (s) =>
      template(s, { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }),
    compliant: (s) => template(s),
  },
  {
    id: "ASG2",
    address: "aws_launch_template.web",
    violating: (s) =>
      template(s, { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } }),
    compliant: (s) => template(s),
  },
  {
    id: "ASG3",
    address: "aws_launch_template.web",
    violating: (s) =>
      template(s, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }] }),
    compliant: (s) => template(s),
  },
  {
    id: "ASG3",
    address: "aws_launch_template.web",
    violating: (s) => template(s, { blockDeviceMappings: undefined }),
    compliant: (s) => template(s),
  },
  {
    id: "ASG4",
    address: "aws_launch_template.web",
    violating: (s) =>
      template(s, { networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }] }),
    compliant: (s) => template(s),
  },
  {
    id: "ASG5",
    address: "aws_autoscaling_group.pool",
    violating: (s) => group(s, { vpcZoneIdentifier: ["subnet-a"] }),
    compliant: (s) => group(s),
  },
  {
    id: "ASG6",
    address: "aws_autoscaling_group.pool",
    violating: (s) => group(s, { healthCheckType: "EC2" }),
    compliant: (s) => group(s),
  },
  {
    // Attached through aws_autoscaling_attachment instead of target_group_arns.
    id: "ASG6",
    address: "aws_autoscaling_group.pool",
    violating: (s) => {
      const pool = group(s, { targetGroupArns: undefined, healthCheckType: undefined });
      new AutoscalingAttachment(s, "attach", { autoscalingGroupName: pool.name, lbTargetGroupArn: "arn:tg" });
    },
    compliant: (s) => group(s, { targetGroupArns: undefined, healthCheckType: undefined }),
  },
  {
    id: "ASG7",
    address: "aws_autoscaling_group.pool",
    violating: (s) => group(s, { launchTemplate: undefined, launchConfiguration: "web-lc" }),
    compliant: (s) => group(s),
  },
]);
