import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  DataAwsPartition,
  IamInstanceProfile,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  SsmParameter,
} from "../providers/aws.ts";
import { Construct, Fn } from "../providers/cdktf.ts";

/** The dimension set every pool's memory alarm and scaling policy uses (`CWAgent/mem_used_percent`). */
export const AGENT_AGGREGATION = ["AutoScalingGroupName"] as const;

/**
 * CloudWatch agent configuration (AWS, "Manually create or edit the CloudWatch agent configuration file"):
 * `append_dimensions` tags each instance's metrics with its group and instance id; `aggregation_dimensions`
 * additionally publishes the roll-up over exactly `[AutoScalingGroupName]`, the set the alarms read.
 */
export function agentConfig(): object {
  return {
    agent: { metrics_collection_interval: 60 },
    metrics: {
      namespace: "CWAgent",
      append_dimensions: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the agent's placeholder, filled on the instance.
        AutoScalingGroupName: "${aws:AutoScalingGroupName}",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the agent's placeholder, filled on the instance.
        InstanceId: "${aws:InstanceId}",
      },
      aggregation_dimensions: [[...AGENT_AGGREGATION]],
      metrics_collected: { mem: { measurement: ["mem_used_percent"], metrics_collection_interval: 60 } },
    },
  };
}

/** Boot script: install the agent when the AMI lacks it (Amazon Linux dnf), then load the SSM configuration. */
export function agentUserData(parameterName: string): string {
  const ctl = "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl";
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    `if [ ! -x ${ctl} ]; then dnf install -y amazon-cloudwatch-agent; fi`,
    `${ctl} -a fetch-config -m ec2 -s -c ssm:${parameterName}`,
    "",
  ].join("\n");
}

export interface CloudWatchAgentProps {
  readonly platform: Platform;
  /** Extra IAM statements of the pools' role (the L2 cache connect, the work queues). @default none */
  readonly statements?: readonly object[];
}

/**
 * What makes `CWAgent/mem_used_percent` exist: the agent configuration in an SSM parameter, the user data that
 * loads it at boot (`userDataBase64`) and an instance role allowed to read it and publish metrics
 * (`CloudWatchAgentServerPolicy`, SSM core for Session Manager). Pools launch with `instanceProfileName`.
 */
export class CloudWatchAgent extends Construct {
  readonly parameter: SsmParameter;
  readonly role: IamRole;
  readonly instanceProfileName: string;
  readonly userDataBase64: string;

  constructor(scope: Construct, id: string, props: CloudWatchAgentProps) {
    super(scope, id);
    const p = props.platform;
    const partition = new DataAwsPartition(this, "partition", {}).partition;
    // The AmazonCloudWatch- prefix is what CloudWatchAgentServerPolicy lets instances read (ssm:GetParameter).
    const parameterName = `AmazonCloudWatch-${awsName(p, "pools")}`;
    this.parameter = new SsmParameter(this, "config", {
      name: parameterName,
      type: "String",
      description: "CloudWatch agent configuration of the pools (memory, rolled up per Auto Scaling group)",
      // "${aws:...}" are the agent's placeholders, not Terraform's: "$${" is Terraform's escape for a literal "${"
      // (a replacer function: in a replacement string "$$" would collapse to "$").
      value: JSON.stringify(agentConfig()).replaceAll("${", () => "$${"),
    });
    this.role = new IamRole(this, "role", {
      name: awsName(p, "pools"),
      description: "Pool instances: CloudWatch agent, Session Manager, the L2 cache and work queues",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    });
    for (const policy of ["CloudWatchAgentServerPolicy", "AmazonSSMManagedInstanceCore"]) {
      new IamRolePolicyAttachment(this, policy, {
        role: this.role.name,
        policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
      });
    }
    const extra = props.statements ?? [];
    if (extra.length > 0) {
      new IamRolePolicy(this, "app", {
        role: this.role.name,
        name: "app",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: extra }),
      });
    }
    const profile = new IamInstanceProfile(this, "profile", {
      name: awsName(p, "pools"),
      role: this.role.name,
    });
    this.instanceProfileName = profile.name;
    // Encoded by Terraform, so the script stays readable in cdk.tf.json and in plan reviews.
    this.userDataBase64 = Fn.base64encode(agentUserData(parameterName));
  }
}
