import type { Platform } from "@edge/platform";
import { awsName, defaultTags, type Layer } from "../app/naming.ts";
import {
  AwsProvider,
  CloudwatchMetricAlarm,
  DataAwsCallerIdentity,
  DataAwsPartition,
  KmsKey,
  Route53HealthCheck,
  SnsTopic,
} from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { AlertForwarder } from "./alert-forwarder.ts";
import { subscribeDestinations } from "./alert-topics.ts";
import { accountAdministersThroughIam, cloudWatchAlarmsPublish, logsOfRegionUse } from "./platform-key.ts";

/** Route 53 publishes health-check metrics to CloudWatch in us-east-1 only, so their alarms live there. */
export const ROUTE53_METRICS_REGION = "us-east-1";

export interface SyntheticCheck {
  /** `healthz` or the route class the path belongs to. */
  readonly name: string;
  readonly path: string;
  readonly healthCheckId: string;
}

export interface SyntheticChecksProps {
  readonly platform: Platform;
  readonly layer: Layer;
}

const ONE_MINUTE = 60;

/** Region of an SNS topic ARN (`arn:<partition>:sns:<region>:<account>:<name>`). */
const regionOf = (topicArn: string) => topicArn.split(":")[3];

/**
 * Availability measured from outside: a Route 53 HTTPS health check per path (`slo.synthetic.healthPath` and one
 * sample path per route class) against the public hostname `zone.domain` — through Cloudflare, the worker,
 * the ALB and the pools, as users reach them — and an alarm per check.
 *
 * Sources (read 2026-11): `aws_route53_health_check` (AWS provider docs: type HTTPS, fqdn, resource_path,
 * request_interval, failure_threshold 1–10, measure_latency, enable_sni); Route 53 developer guide "Monitoring
 * health checks using CloudWatch": namespace `AWS/Route53`, metrics `HealthCheckStatus` (1 healthy, 0 not) and
 * `HealthCheckPercentageHealthy`, dimension `HealthCheckId`, available in US East (N. Virginia) only. CloudWatch
 * alarm actions must be in the alarm's region, so a composite alarm in the model's region cannot reference them:
 * they page on their own and feed the SLO dashboard. Where they notify (page severity, `alarmTopicArn`):
 * - the page destinations (e-mails, HTTPS): a us-east-1 topic of their own with those subscriptions, encrypted
 *   with a us-east-1 key CloudWatch may use;
 * - an existing page topic in us-east-1: that topic, directly (nothing created);
 * - an existing page topic elsewhere: their us-east-1 topic, whose one subscriber is a Lambda function that
 *   republishes to it (alert-forwarder.ts: SNS delivers across regions only to SQS and Lambda).
 */
export class SyntheticChecks extends Construct {
  readonly checks: SyntheticCheck[] = [];
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** The us-east-1 topic the alarms notify (none when the model's page topic is in us-east-1). */
  readonly topic?: SnsTopic;
  /** What the alarms notify: `topic`, or the model's us-east-1 page topic. */
  readonly alarmTopicArn: string;

  constructor(scope: Construct, id: string, props: SyntheticChecksProps) {
    super(scope, id);
    const p = props.platform;
    const s = p.slo.synthetic;
    const usEast1 = new AwsProvider(this, "aws-us-east-1", {
      alias: "us_east_1",
      region: ROUTE53_METRICS_REGION,
      defaultTags: [{ tags: defaultTags(p, props.layer) }],
    });
    const page = p.alerting.page;
    if (page.topicArn !== null && regionOf(page.topicArn) === ROUTE53_METRICS_REGION) {
      this.alarmTopicArn = page.topicArn;
    } else {
      const account = new DataAwsCallerIdentity(this, "account", { provider: usEast1 }).accountId;
      const partition = new DataAwsPartition(this, "partition", { provider: usEast1 }).partition;
      const forwarding = page.topicArn !== null;
      const key = new KmsKey(this, "key", {
        provider: usEast1,
        description: `${awsName(p, "synthetic")}: the us-east-1 alarm topic of the synthetic checks`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            accountAdministersThroughIam(partition, account),
            cloudWatchAlarmsPublish(account),
            ...(forwarding ? [logsOfRegionUse(partition, account, ROUTE53_METRICS_REGION)] : []),
          ],
        }),
      });
      this.topic = new SnsTopic(this, "topic", {
        provider: usEast1,
        name: awsName(p, "synthetic-alarms"),
        kmsMasterKeyId: key.arn,
      });
      this.alarmTopicArn = this.topic.arn;
      if (page.topicArn === null) {
        subscribeDestinations(this, "topic", this.topic.arn, page, usEast1);
      } else {
        new AlertForwarder(this, "forwarder", {
          platform: p,
          provider: usEast1,
          sourceTopicArn: this.topic.arn,
          targetTopicArn: page.topicArn,
          logKmsKeyArn: key.arn,
          name: "synthetic-forwarder",
        });
      }
    }

    const paths: [string, string][] = [
      ["healthz", s.healthPath],
      ...Object.entries(s.samplePaths).sort(([a], [b]) => a.localeCompare(b)),
    ];
    for (const [name, path] of paths) {
      const check = new Route53HealthCheck(this, `check-${name}`, {
        type: "HTTPS",
        fqdn: p.zone.domain,
        port: 443,
        resourcePath: path,
        enableSni: true,
        requestInterval: s.requestIntervalSeconds,
        failureThreshold: s.failureThreshold,
        measureLatency: true,
        tags: { Name: awsName(p, `synthetic-${name}`) },
      });
      this.checks.push({ name, path, healthCheckId: check.id });
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `alarm-${name}`, {
          provider: usEast1,
          alarmName: awsName(p, `synthetic-${name}`),
          alarmDescription: `page: https://${p.zone.domain}${path} failed ${s.failureThreshold} checks in a row from Route 53's checkers`,
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: check.id },
          statistic: "Minimum",
          period: ONE_MINUTE,
          // The health check already waits for failureThreshold consecutive failures before turning unhealthy.
          evaluationPeriods: 1,
          comparisonOperator: "LessThanThreshold",
          threshold: 1,
          treatMissingData: "breaching",
          alarmActions: [this.alarmTopicArn],
          okActions: [this.alarmTopicArn],
        }),
      );
    }
  }
}
