import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchDashboard } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

export interface DashboardPool {
  readonly groupName: string;
  readonly targetGroupArnSuffix: string;
}

export interface DashboardProps {
  readonly platform: Platform;
  readonly loadBalancerArnSuffix: string;
  /** Pool name → its group and target group. */
  readonly pools: Record<string, DashboardPool>;
  readonly cacheReplicationGroupId: string;
}

const WIDTH = 8;
const HEIGHT = 6;

/** One row per pool (p95 latency, 5xx rate, CPU/memory) and one for the L2 cache; alarm thresholds drawn in. */
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
    }
    const cache = ["ReplicationGroupId", props.cacheReplicationGroupId];
    widget(0, "L2 cache: hit rate %", [["AWS/ElastiCache", "CacheHitRate", ...cache]], {
      label: "alarm",
      value: a.cacheHitRate.belowPercent,
    });
    widget(WIDTH, "L2 cache: memory % and evictions", [
      ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", ...cache],
      ["AWS/ElastiCache", "Evictions", ...cache, { stat: "Sum", yAxis: "right" }],
    ]);
    widget(2 * WIDTH, "L2 cache: engine CPU %", [["AWS/ElastiCache", "EngineCPUUtilization", ...cache]]);

    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: awsName(p, "platform"),
      dashboardBody: JSON.stringify({ widgets }),
    });
  }
}
