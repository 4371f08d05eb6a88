import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchMetricAlarm } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { type AlertRouting, notifyActions } from "./alarm-routing.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

export interface EdgeAlarmsProps {
  readonly platform: Platform;
  /** `arn_suffix` of the ALB (dimension `LoadBalancer`). */
  readonly loadBalancerArnSuffix: string;
  /** Name of the aws-edge stack's web ACL (dimension `WebACL`). */
  readonly webAclName: string;
  readonly alerts: AlertRouting;
}

/**
 * Alarms on the shared entry point: 5xx answered by the ALB itself (no healthy target, target timeouts) and
 * WAF blocks rising above CloudWatch's anomaly-detection band (an attack, or a rule blocking real users).
 */
export class EdgeAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: EdgeAlarmsProps) {
    super(scope, id);
    const p = props.platform;
    const a = p.alarms;
    this.alarms.push(
      new CloudwatchMetricAlarm(this, "alb-5xx", {
        ...notifyActions(props.alerts, a.loadBalancer5xx.severity),
        alarmName: awsName(p, "alb-5xx"),
        alarmDescription: `ALB: more than ${a.loadBalancer5xx.aboveCount} 5xx of its own per minute for ${a.loadBalancer5xx.forMinutes} min`,
        namespace: "AWS/ApplicationELB",
        metricName: "HTTPCode_ELB_5XX_Count",
        dimensions: { LoadBalancer: props.loadBalancerArnSuffix },
        statistic: "Sum",
        period: ONE_MINUTE_PERIOD,
        evaluationPeriods: a.loadBalancer5xx.forMinutes,
        threshold: a.loadBalancer5xx.aboveCount,
        comparisonOperator: "GreaterThanThreshold",
        // Reported only when non-zero.
        treatMissingData: "notBreaching",
      }),
    );
    const spike = a.wafBlockedSpike;
    this.alarms.push(
      new CloudwatchMetricAlarm(this, "waf-blocked-spike", {
        ...notifyActions(props.alerts, spike.severity),
        alarmName: awsName(p, "waf-blocked-spike"),
        alarmDescription: `WAF: blocked requests above the expected band (${spike.bandStandardDeviations} standard deviations) for ${spike.forMinutes} min`,
        comparisonOperator: "GreaterThanUpperThreshold",
        thresholdMetricId: "band",
        evaluationPeriods: spike.forMinutes,
        treatMissingData: "notBreaching",
        metricQuery: [
          {
            id: "blocked",
            returnData: true,
            metric: {
              namespace: "AWS/WAFV2",
              metricName: "BlockedRequests",
              // Rule "ALL": every rule of the web ACL together.
              dimensions: { Region: p.aws.region, Rule: "ALL", WebACL: props.webAclName },
              period: ONE_MINUTE_PERIOD,
              stat: "Sum",
            },
          },
          {
            id: "band",
            label: "expected blocked requests",
            expression: `ANOMALY_DETECTION_BAND(blocked, ${spike.bandStandardDeviations})`,
            returnData: true,
          },
        ],
      }),
    );
  }
}
