import type { Platform } from "@edge/platform";
import { CDN_METRICS } from "@edge/platform/cdn-metrics";
import { awsName } from "../app/naming.ts";
import { CloudwatchMetricAlarm, IamAccessKey, IamUser, IamUserPolicy } from "../providers/aws.ts";
import { Construct, TerraformOutput } from "../providers/cdktf.ts";

export { CDN_METRICS };

export interface CdnHitRatioProps {
  readonly platform: Platform;
  readonly notifyArns: readonly string[];
}

const ONE_MINUTE = 60;

/**
 * The CDN hit ratio in CloudWatch: credentials the edge worker publishes with, and the seed's alarm
 * ("cache hit below `alarms.cacheHitRate.belowPercent` % for `forMinutes` minutes") on the cacheable classes.
 *
 * The IAM user may call `cloudwatch:PutMetricData` only, and only into `slo.cdn.namespace`: PutMetricData has
 * no resource-level permissions, so the `cloudwatch:namespace` condition key does the scoping (CloudWatch user
 * guide, "Using condition keys to limit access to CloudWatch namespaces"). Its access key lands in the
 * Terraform state (encrypted S3 backend) and in two outputs; the deploy workflow stores them as wrangler secrets
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`). A Worker cannot assume a role without a first credential.
 */
export class CdnHitRatio extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: CdnHitRatioProps) {
    super(scope, id);
    const p = props.platform;
    const { namespace } = p.slo.cdn;
    const floor = p.alarms.cacheHitRate;
    const user = new IamUser(this, "publisher", { name: awsName(p, "edge-metrics") });
    new IamUserPolicy(this, "publisher-policy", {
      name: "put-metric-data-in-one-namespace",
      user: user.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "PublishCdnMetricsOnly",
            Effect: "Allow",
            Action: "cloudwatch:PutMetricData",
            Resource: "*",
            Condition: { StringEquals: { "cloudwatch:namespace": namespace } },
          },
        ],
      }),
    });
    const key = new IamAccessKey(this, "publisher-key", { user: user.name });
    new TerraformOutput(this, "cdn_metrics_access_key_id", {
      staticId: true,
      value: key.id,
      description: "wrangler secret AWS_ACCESS_KEY_ID of the edge worker (CloudWatch publisher)",
    });
    new TerraformOutput(this, "cdn_metrics_secret_access_key", {
      staticId: true,
      value: key.secret,
      sensitive: true,
      description: "wrangler secret AWS_SECRET_ACCESS_KEY of the edge worker (CloudWatch publisher)",
    });

    this.alarm = new CloudwatchMetricAlarm(this, "hit-ratio", {
      alarmName: awsName(p, "cdn-hit-ratio-low"),
      alarmDescription: `CDN hit ratio of the cacheable route classes below ${floor.belowPercent} % for ${floor.forMinutes} min (edge worker, Cache-Status)`,
      namespace,
      metricName: CDN_METRICS.hitRatio,
      dimensions: {
        [CDN_METRICS.environmentDimension]: p.environment,
        [CDN_METRICS.classDimension]: CDN_METRICS.allClasses,
      },
      statistic: "Average",
      period: ONE_MINUTE,
      evaluationPeriods: floor.forMinutes,
      comparisonOperator: "LessThanThreshold",
      threshold: floor.belowPercent,
      // Minutes without cacheable traffic publish nothing; they are not a low hit ratio.
      treatMissingData: "notBreaching",
      alarmActions: [...props.notifyArns],
      okActions: [...props.notifyArns],
    });
  }
}
