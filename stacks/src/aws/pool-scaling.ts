import type { Platform, Pool } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { AutoscalingPolicy, AutoscalingSchedule, CloudwatchMetricAlarm } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

export interface PoolScalingProps {
  readonly platform: Platform;
  readonly poolName: string;
  readonly pool: Pool;
  /** Name of the pool's Auto Scaling group. */
  readonly groupName: string;
  /**
   * `<ALB arn_suffix>/<target group arn_suffix>`: the `resource_label` of request-count target tracking.
   * @default no request-rate tracking
   */
  readonly requestCountResourceLabel?: string;
}

/** ALBRequestCountPerTarget is a per-minute sum; the model counts requests per second. */
const SECONDS_PER_MINUTE = 60;

/** Scaling alarms evaluate 1-minute periods; the model counts `forMinutes` of them. */
export const ONE_MINUTE_PERIOD = 60;

interface Step {
  threshold: number;
  forMinutes: number;
  adjustment: number;
}

interface Metric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/**
 * Step scaling on CPU and memory (out and in), on queue depth (out), target tracking on requests per target
 * (out), the business-hours schedule and predictive scaling: every threshold, duration, adjustment, cron and buffer from the pool's `scaling` section.
 */
export class PoolScaling extends Construct {
  readonly policies: Record<string, AutoscalingPolicy> = {};

  constructor(scope: Construct, id: string, props: PoolScalingProps) {
    super(scope, id);
    const { platform: p, pool, poolName, groupName } = props;
    const s = pool.scaling;
    const asg = { AutoScalingGroupName: groupName };

    const stepPolicy = (key: string, metric: Metric, step: Step) => {
      const out = step.adjustment > 0;
      const policy = new AutoscalingPolicy(this, `${key}-policy`, {
        name: awsName(p, `${poolName}-${key}`),
        autoscalingGroupName: groupName,
        policyType: "StepScaling",
        adjustmentType: "ChangeInCapacity",
        metricAggregationType: "Average",
        estimatedInstanceWarmup: s.instanceWarmupSeconds,
        stepAdjustment: [
          out
            ? { scalingAdjustment: step.adjustment, metricIntervalLowerBound: "0" }
            : { scalingAdjustment: step.adjustment, metricIntervalUpperBound: "0" },
        ],
      });
      new CloudwatchMetricAlarm(this, `${key}-alarm`, {
        alarmName: awsName(p, `${poolName}-${key}`),
        alarmDescription: `${poolName}: ${metric.metricName} ${out ? "≥" : "≤"} ${step.threshold} for ${step.forMinutes} min → ${step.adjustment > 0 ? "+" : ""}${step.adjustment} instance(s)`,
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: metric.dimensions,
        statistic: "Average",
        period: ONE_MINUTE_PERIOD,
        evaluationPeriods: step.forMinutes,
        threshold: step.threshold,
        comparisonOperator: out ? "GreaterThanOrEqualToThreshold" : "LessThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [policy.arn],
      });
      this.policies[key] = policy;
    };

    const cpu: Metric = { namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: asg };
    // Memory is published by the CloudWatch agent (append_dimensions: AutoScalingGroupName).
    const memory: Metric = { namespace: "CWAgent", metricName: "mem_used_percent", dimensions: asg };
    stepPolicy("cpu-scale-out", cpu, s.cpu.scaleOut);
    stepPolicy("cpu-scale-in", cpu, s.cpu.scaleIn);
    stepPolicy("memory-scale-out", memory, s.memory.scaleOut);
    stepPolicy("memory-scale-in", memory, s.memory.scaleIn);
    if (s.queueDepth) {
      stepPolicy(
        "queue-scale-out",
        {
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: s.queueDepth.queueName },
        },
        s.queueDepth.scaleOut,
      );
    }

    if (s.requestsPerSecondPerInstance !== null && props.requestCountResourceLabel) {
      // Scale-out only: removing instances stays with the CPU/memory step policies, so two policies never pull
      // capacity in opposite directions on the same signal (AWS: with several policies the group takes the
      // largest capacity any of them asks for; a target-tracking scale-in would undo the step scale-out).
      this.policies["requests-per-target"] = new AutoscalingPolicy(this, "requests-per-target-policy", {
        name: awsName(p, `${poolName}-requests-per-target`),
        autoscalingGroupName: groupName,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: s.instanceWarmupSeconds,
        targetTrackingConfiguration: {
          targetValue: s.requestsPerSecondPerInstance * SECONDS_PER_MINUTE,
          disableScaleIn: true,
          predefinedMetricSpecification: {
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: props.requestCountResourceLabel,
          },
        },
      });
    }

    if (s.schedule) {
      const sc = s.schedule;
      const peakMin = s.minSize + sc.extraInstances;
      const peakDesired = s.desiredCapacity + sc.extraInstances;
      if (peakDesired > s.maxSize) {
        throw new RangeError(
          `pools.${poolName}.scaling.schedule.extraInstances: ${sc.extraInstances} lifts desiredCapacity (${s.desiredCapacity}) to ${peakDesired}, above maxSize (${s.maxSize})`,
        );
      }
      new AutoscalingSchedule(this, "scale-up", {
        scheduledActionName: "business-hours-scale-up",
        autoscalingGroupName: groupName,
        recurrence: sc.scaleUpCron,
        timeZone: sc.timeZone,
        minSize: peakMin,
        maxSize: s.maxSize,
        desiredCapacity: peakDesired,
      });
      new AutoscalingSchedule(this, "scale-down", {
        scheduledActionName: "business-hours-scale-down",
        autoscalingGroupName: groupName,
        recurrence: sc.scaleDownCron,
        timeZone: sc.timeZone,
        minSize: s.minSize,
        maxSize: s.maxSize,
        desiredCapacity: s.desiredCapacity,
      });
    }

    if (s.predictive) {
      this.policies.predictive = new AutoscalingPolicy(this, "predictive", {
        name: awsName(p, `${poolName}-predictive`),
        autoscalingGroupName: groupName,
        policyType: "PredictiveScaling",
        predictiveScalingConfiguration: {
          mode: s.predictive.mode,
          schedulingBufferTime: String(s.predictive.schedulingBufferSeconds),
          metricSpecification: {
            targetValue: s.predictive.targetCpuPercent,
            predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
          },
        },
      });
    }
  }
}
