import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchMetricAlarm } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { type AlertRouting, notifyActions } from "./alarm-routing.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

export interface PoolAlarmsProps {
  readonly platform: Platform;
  readonly poolName: string;
  readonly groupName: string;
  /** `arn_suffix` of the ALB and of the pool's target group (CloudWatch dimensions). */
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Where alarms notify (and recover), by the model's severity of each alarm. */
  readonly alerts: AlertRouting;
}

/**
 * The operator alarm set of one pool, thresholds and severities from `alarms`: p95 latency, CPU, memory, 5xx
 * rate, unhealthy and healthy targets (the 5xx rate is silent when every target is down: no requests reach one),
 * target connection errors and in-service instances below the group minimum. These notify people; the scaling
 * alarms (pool-scaling.ts) only drive the Auto Scaling group.
 */
export class PoolAlarms extends Construct {
  readonly alarms: Record<string, CloudwatchMetricAlarm> = {};

  constructor(scope: Construct, id: string, props: PoolAlarmsProps) {
    super(scope, id);
    const { platform: p, poolName } = props;
    const a = p.alarms;
    const common = {
      period: ONE_MINUTE_PERIOD,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    };
    const notify = (severity: Parameters<AlertRouting["topicFor"]>[0]) =>
      notifyActions(props.alerts, severity);
    const targetDims = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const asgDims = { AutoScalingGroupName: props.groupName };

    this.alarms["latency-p95"] = new CloudwatchMetricAlarm(this, "latency-p95", {
      ...common,
      ...notify(a.latencyP95.severity),
      alarmName: awsName(p, `${poolName}-latency-p95`),
      alarmDescription: `${poolName}: p95 target response time above ${a.latencyP95.thresholdSeconds} s for ${a.latencyP95.forMinutes} min`,
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: targetDims,
      extendedStatistic: "p95",
      evaluationPeriods: a.latencyP95.forMinutes,
      threshold: a.latencyP95.thresholdSeconds,
    });
    this.alarms.cpu = new CloudwatchMetricAlarm(this, "cpu", {
      ...common,
      ...notify(a.cpu.severity),
      alarmName: awsName(p, `${poolName}-cpu-high`),
      alarmDescription: `${poolName}: average CPU above ${a.cpu.thresholdPercent}% for ${a.cpu.forMinutes} min`,
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: asgDims,
      statistic: "Average",
      evaluationPeriods: a.cpu.forMinutes,
      threshold: a.cpu.thresholdPercent,
    });
    this.alarms.memory = new CloudwatchMetricAlarm(this, "memory", {
      ...common,
      ...notify(a.memory.severity),
      alarmName: awsName(p, `${poolName}-memory-high`),
      alarmDescription: `${poolName}: average memory above ${a.memory.thresholdPercent}% for ${a.memory.forMinutes} min`,
      namespace: "CWAgent",
      metricName: "mem_used_percent",
      dimensions: asgDims,
      statistic: "Average",
      evaluationPeriods: a.memory.forMinutes,
      threshold: a.memory.thresholdPercent,
    });
    const count = (id: string, metricName: string) => ({
      id,
      metric: {
        namespace: "AWS/ApplicationELB",
        metricName,
        dimensions: targetDims,
        period: ONE_MINUTE_PERIOD,
        stat: "Sum",
      },
    });
    this.alarms["error-rate"] = new CloudwatchMetricAlarm(this, "error-rate", {
      ...common,
      period: undefined,
      ...notify(a.errorRate.severity),
      alarmName: awsName(p, `${poolName}-5xx-rate`),
      alarmDescription: `${poolName}: more than ${a.errorRate.thresholdPercent}% of requests answered 5xx for ${a.errorRate.forMinutes} min`,
      evaluationPeriods: a.errorRate.forMinutes,
      threshold: a.errorRate.thresholdPercent,
      metricQuery: [
        {
          id: "rate",
          label: "5xx % of requests",
          expression: "IF(requests > 0, 100 * errors / requests, 0)",
          returnData: true,
        },
        count("errors", "HTTPCode_Target_5XX_Count"),
        count("requests", "RequestCount"),
      ],
    });

    this.alarms["unhealthy-targets"] = new CloudwatchMetricAlarm(this, "unhealthy-targets", {
      ...common,
      ...notify(a.unhealthyTargets.severity),
      alarmName: awsName(p, `${poolName}-unhealthy-targets`),
      alarmDescription: `${poolName}: more than ${a.unhealthyTargets.aboveCount} unhealthy target(s) for ${a.unhealthyTargets.forMinutes} min`,
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: targetDims,
      statistic: "Maximum",
      evaluationPeriods: a.unhealthyTargets.forMinutes,
      threshold: a.unhealthyTargets.aboveCount,
    });
    // HealthyHostCount is always reported; no data means the target group or the ALB is gone: breaching.
    this.alarms["healthy-targets"] = new CloudwatchMetricAlarm(this, "healthy-targets", {
      ...common,
      ...notify(a.healthyTargets.severity),
      alarmName: awsName(p, `${poolName}-healthy-targets-low`),
      alarmDescription: `${poolName}: fewer than ${a.healthyTargets.belowCount} healthy target(s) for ${a.healthyTargets.forMinutes} min`,
      namespace: "AWS/ApplicationELB",
      metricName: "HealthyHostCount",
      dimensions: targetDims,
      statistic: "Minimum",
      evaluationPeriods: a.healthyTargets.forMinutes,
      threshold: a.healthyTargets.belowCount,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    this.alarms["target-connection-errors"] = new CloudwatchMetricAlarm(this, "target-connection-errors", {
      ...common,
      ...notify(a.targetConnectionErrors.severity),
      alarmName: awsName(p, `${poolName}-target-connection-errors`),
      alarmDescription: `${poolName}: more than ${a.targetConnectionErrors.aboveCount} failed connections from the ALB per minute for ${a.targetConnectionErrors.forMinutes} min`,
      namespace: "AWS/ApplicationELB",
      metricName: "TargetConnectionErrorCount",
      dimensions: targetDims,
      statistic: "Sum",
      evaluationPeriods: a.targetConnectionErrors.forMinutes,
      threshold: a.targetConnectionErrors.aboveCount,
    });
    // Both group metrics must be enabled on the group (pool-instances.ts enables GroupMinSize and
    // GroupInServiceInstances); comparing them follows scheduled changes of the minimum.
    const groupMetric = (id: string, metricName: string) => ({
      id,
      metric: {
        namespace: "AWS/AutoScaling",
        metricName,
        dimensions: asgDims,
        period: ONE_MINUTE_PERIOD,
        stat: "Minimum",
      },
    });
    this.alarms["in-service-below-minimum"] = new CloudwatchMetricAlarm(this, "in-service-below-minimum", {
      ...common,
      ...notify(a.inServiceBelowMinimum.severity),
      period: undefined,
      alarmName: awsName(p, `${poolName}-in-service-below-minimum`),
      alarmDescription: `${poolName}: fewer instances in service than the group minimum for ${a.inServiceBelowMinimum.forMinutes} min`,
      evaluationPeriods: a.inServiceBelowMinimum.forMinutes,
      threshold: 0,
      metricQuery: [
        {
          id: "missing",
          label: "instances missing below the minimum",
          expression: "minimum - inService",
          returnData: true,
        },
        groupMetric("minimum", "GroupMinSize"),
        groupMetric("inService", "GroupInServiceInstances"),
      ],
    });
  }
}
