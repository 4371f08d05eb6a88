import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchDashboard } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

export interface DashboardPool {
  readonly groupName: string;
  readonly targetGroupArnSuffix: string;
  /** The pool's operator alarms, shown in its alarm-status widget. @default none */
  readonly alarmArns?: readonly string[];
}

export interface DashboardProps {
  readonly platform: Platform;
  readonly loadBalancerArnSuffix: string;
  /** Pool name → its group and target group. */
  readonly pools: Record<string, DashboardPool>;
  /** The L2 cache's member clusters (`CacheClusterId`): ElastiCache publishes node metrics per member. */
  readonly cacheClusterIds: readonly string[];
  /** Alarms not tied to a pool (ALB 5xx, WAF, L2 cache), shown in one alarm-status widget. @default none */
  readonly sharedAlarmArns?: readonly string[];
}

const WIDTH = 8;
const HEIGHT = 6;
const ALARM_ROW_HEIGHT = 3;

/**
 * One row per pool (p95 latency, 5xx rate, CPU/memory, then the status of its alarms), rows for the L2 cache (a
 * line per member cluster) and the status of the shared alarms; alarm thresholds drawn in.
 */
export class Dashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const p = props.platform;
    const region = p.aws.region;
    const a = p.alarms;
    const widgets: object[] = [];
    let y = 0;
    const widget = (
      x: number,
      title: string,
      metrics: unknown[],
      annotation?: { label: string; value: number },
    ) =>
      widgets.push({
        type: "metric",
        x,
        y,
        width: WIDTH,
        height: HEIGHT,
        properties: {
          title,
          region,
          view: "timeSeries",
          stat: "Average",
          period: ONE_MINUTE_PERIOD,
          metrics,
          ...(annotation ? { annotations: { horizontal: [annotation] } } : {}),
        },
      });
    // CloudWatch's alarm-status widget lists alarms by ARN (up to 100 per widget).
    const alarmStatus = (title: string, alarms: readonly string[]) => {
      if (alarms.length === 0) return;
      widgets.push({
        type: "alarm",
        x: 0,
        y,
        width: 3 * WIDTH,
        height: ALARM_ROW_HEIGHT,
        properties: { title, alarms: [...alarms] },
      });
      y += ALARM_ROW_HEIGHT;
    };
    for (const [name, pool] of Object.entries(props.pools)) {
      const tg = ["LoadBalancer", props.loadBalancerArnSuffix, "TargetGroup", pool.targetGroupArnSuffix];
      const asg = ["AutoScalingGroupName", pool.groupName];
      widget(
        0,
        `${name}: p95 latency (s)`,
        [["AWS/ApplicationELB", "TargetResponseTime", ...tg, { stat: "p95" }]],
        {
          label: "alarm",
          value: a.latencyP95.thresholdSeconds,
        },
      );
      widget(
        WIDTH,
        `${name}: 5xx % of requests`,
        [
          [{ expression: "IF(m2 > 0, 100 * m1 / m2, 0)", label: "5xx %", id: "e1" }],
          [
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            ...tg,
            { stat: "Sum", id: "m1", visible: false },
          ],
          ["AWS/ApplicationELB", "RequestCount", ...tg, { stat: "Sum", id: "m2", visible: false }],
        ],
        { label: "alarm", value: a.errorRate.thresholdPercent },
      );
      widget(
        2 * WIDTH,
        `${name}: CPU / memory % and instances`,
        [
          ["AWS/EC2", "CPUUtilization", ...asg],
          ["CWAgent", "mem_used_percent", ...asg],
          ["AWS/AutoScaling", "GroupInServiceInstances", ...asg, { yAxis: "right" }],
        ],
        { label: "CPU alarm", value: a.cpu.thresholdPercent },
      );
      y += HEIGHT;
      alarmStatus(`${name}: alarms`, pool.alarmArns ?? []);
    }
    const perMember = (metricName: string, extra: object = {}) =>
      props.cacheClusterIds.map((id, i) => [
        "AWS/ElastiCache",
        metricName,
        "CacheClusterId",
        id,
        { label: `member ${i + 1}`, ...extra },
      ]);
    widget(0, "L2 cache: hit rate %", perMember("CacheHitRate"), {
      label: "alarm",
      value: a.cacheHitRate.belowPercent,
    });
    widget(WIDTH, "L2 cache: memory %", perMember("DatabaseMemoryUsagePercentage"), {
      label: "alarm",
      value: a.cacheMemory.thresholdPercent,
    });
    widget(2 * WIDTH, "L2 cache: engine CPU %", perMember("EngineCPUUtilization"), {
      label: "alarm",
      value: a.cacheEngineCpu.thresholdPercent,
    });
    y += HEIGHT;
    widget(0, "L2 cache: evictions and writes per minute", [
      ...perMember("Evictions", { stat: "Sum" }),
      ...perMember("SetTypeCmds", { stat: "Sum", yAxis: "right" }),
    ]);
    widget(WIDTH, "L2 cache: replication lag (s)", perMember("ReplicationLag", { stat: "Maximum" }), {
      label: "alarm",
      value: a.cacheReplicationLag.thresholdSeconds,
    });
    y += HEIGHT;
    alarmStatus("ALB, WAF and L2 cache: alarms", props.sharedAlarmArns ?? []);

    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: awsName(p, "platform"),
      dashboardBody: JSON.stringify({ widgets }),
    });
  }
}
