import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchMetricAlarm } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

export interface PoolAlarmsProps {
  readonly platform: Platform;
  readonly poolName: string;
  readonly groupName: string;
  /** `arn_suffix` of the ALB and of the pool's target group (CloudWatch dimensions). */
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Where alarms notify (and recover). */
  readonly notifyArns: string[];
}

/**
 * The operator alarm set of one pool, thresholds from `alarms`: p95 latency, CPU, memory and 5xx rate.
 * These page people; the scaling alarms (pool-scaling.ts) only drive the Auto Scaling group.
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
      alarmActions: props.notifyArns,
      okActions: props.notifyArns,
    };
    const targetDims = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const asgDims = { AutoScalingGroupName: props.groupName };

    this.alarms["latency-p95"] = new CloudwatchMetricAlarm(this, "latency-p95", {
      ...common,
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
  }
}
