import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { DataAwsCallerIdentity, DataAwsPartition, KmsAlias, KmsKey } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

export interface PlatformKeyProps {
  readonly platform: Platform;
  /** What the key encrypts, for its alias (`alias/<product>-<env>-<purpose>`). */
  readonly purpose: string;
  /**
   * Let CloudWatch alarms publish to SNS topics encrypted with this key.
   * @default false
   */
  readonly allowCloudWatchAlarms?: boolean;
  /**
   * Let Auto Scaling notifications (its service-linked role) publish to SNS topics encrypted with this key.
   * @default false
   */
  readonly allowAutoScalingNotifications?: boolean;
  /**
   * Days before a deleted key is destroyed.
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

const DEFAULT_DELETION_WINDOW_DAYS = 30;

/** Key policy statement: the account administers the key through IAM (without it the key is unmanageable). */
export function accountAdministersThroughIam(partition: string, account: string) {
  return {
    Sid: "AccountAdministersThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${account}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Key policy statement: CloudWatch alarms of this account may publish to SNS topics encrypted with the key. */
export function cloudWatchAlarmsPublish(account: string) {
  return {
    Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": account } },
  };
}

/** Key policy statement: CloudWatch Logs of `region` may use the key for this account's log groups only. */
export function logsOfRegionUse(partition: string, account: string, region: string) {
  return {
    Sid: "CloudWatchLogsOfThisAccount",
    Effect: "Allow",
    Principal: { Service: `logs.${region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:*` },
    },
  };
}

/**
 * A customer-managed KMS key (rotation on) for one stack's logs and data at rest. The account keeps full
 * control through IAM; CloudWatch Logs of this region may use it for this account's log groups only.
 */
export class PlatformKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    const p = props.platform;
    const window = props.deletionWindowDays ?? DEFAULT_DELETION_WINDOW_DAYS;
    if (!Number.isInteger(window) || window < 7 || window > 30) {
      throw new RangeError(`deletionWindowDays: ${window} days must be a whole number from 7 to 30`);
    }
    const account = new DataAwsCallerIdentity(this, "account", {}).accountId;
    const partition = new DataAwsPartition(this, "partition", {}).partition;
    const region = p.aws.region;
    this.key = new KmsKey(this, "key", {
      description: `${awsName(p, props.purpose)}: logs and data at rest`,
      enableKeyRotation: true,
      deletionWindowInDays: window,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          accountAdministersThroughIam(partition, account),
          logsOfRegionUse(partition, account, region),
          ...(props.allowCloudWatchAlarms ? [cloudWatchAlarmsPublish(account)] : []),
          ...(props.allowAutoScalingNotifications
            ? [
                {
                  Sid: "AutoScalingNotificationsToEncryptedTopics",
                  Effect: "Allow",
                  Principal: {
                    AWS: `arn:${partition}:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
                  },
                  Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                  Resource: "*",
                },
              ]
            : []),
        ],
      }),
    });
    new KmsAlias(this, "alias", { name: `alias/${awsName(p, props.purpose)}`, targetKeyId: this.key.keyId });
  }
}
