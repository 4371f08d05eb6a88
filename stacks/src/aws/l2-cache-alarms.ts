import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchMetricAlarm, type ElasticacheReplicationGroup } from "../providers/aws.ts";
import { Construct, Fn, Token } from "../providers/cdktf.ts";
import { type AlertRouting, notifyActions } from "./alarm-routing.ts";
import { ONE_MINUTE_PERIOD } from "./pool-scaling.ts";

/**
 * The member clusters of a replication group, in a stable order: ElastiCache publishes node metrics per
 * `CacheClusterId` (and `CacheNodeId`), never per replication group, so every alarm and widget is per member.
 * The ids are known after apply (`member_clusters`); their number is `1 + l2Cache.replicas` at synth.
 */
export function memberClusterIds(group: ElasticacheReplicationGroup, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    Token.asString(Fn.element(Fn.sort(group.memberClusters), i)),
  );
}

export interface L2CacheAlarmsProps {
  readonly platform: Platform;
  readonly group: ElasticacheReplicationGroup;
  readonly alerts: AlertRouting;
}

/**
 * Per member cluster (thresholds and severities from `alarms`): hit rate, engine CPU, memory use, evictions as a
 * share of writes and — with replicas — replication lag. The primary publishes no `ReplicationLag`, so that alarm
 * treats missing data as fine; host metrics are published every minute, so missing data there stays visible.
 */
export class L2CacheAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly clusterIds: string[];

  constructor(scope: Construct, id: string, props: L2CacheAlarmsProps) {
    super(scope, id);
    const p = props.platform;
    const a = p.alarms;
    this.clusterIds = memberClusterIds(props.group, 1 + p.l2Cache.replicas);
    const metric = (id: string, metricName: string, cluster: string, stat = "Sum") => ({
      id,
      metric: {
        namespace: "AWS/ElastiCache",
        metricName,
        dimensions: { CacheClusterId: cluster },
        period: ONE_MINUTE_PERIOD,
        stat,
      },
    });
    this.clusterIds.forEach((cluster, i) => {
      const member = `member-${i + 1}`;
      const add = (
        key: string,
        config: Omit<ConstructorParameters<typeof CloudwatchMetricAlarm>[2], "alarmName">,
      ) =>
        this.alarms.push(
          new CloudwatchMetricAlarm(this, `${key}-${member}`, {
            ...config,
            alarmName: awsName(p, `l2-${key}-${member}`),
          }),
        );
      add("hit-rate-low", {
        ...notifyActions(props.alerts, a.cacheHitRate.severity),
        alarmDescription: `L2 cache ${member}: hit rate below ${a.cacheHitRate.belowPercent}% for ${a.cacheHitRate.forMinutes} min`,
        comparisonOperator: "LessThanThreshold",
        threshold: a.cacheHitRate.belowPercent,
        evaluationPeriods: a.cacheHitRate.forMinutes,
        treatMissingData: "notBreaching",
        metricQuery: [
          {
            id: "rate",
            label: "hit rate %",
            // A node that serves no reads (an idle replica) counts as 100 %, not as a miss storm.
            expression: "IF((hits + misses) > 0, 100 * hits / (hits + misses), 100)",
            returnData: true,
          },
          metric("hits", "CacheHits", cluster),
          metric("misses", "CacheMisses", cluster),
        ],
      });
      add("engine-cpu-high", {
        ...notifyActions(props.alerts, a.cacheEngineCpu.severity),
        alarmDescription: `L2 cache ${member}: engine CPU above ${a.cacheEngineCpu.thresholdPercent}% for ${a.cacheEngineCpu.forMinutes} min`,
        namespace: "AWS/ElastiCache",
        metricName: "EngineCPUUtilization",
        dimensions: { CacheClusterId: cluster },
        statistic: "Average",
        period: ONE_MINUTE_PERIOD,
        comparisonOperator: "GreaterThanThreshold",
        threshold: a.cacheEngineCpu.thresholdPercent,
        evaluationPeriods: a.cacheEngineCpu.forMinutes,
        treatMissingData: "missing",
      });
      add("memory-high", {
        ...notifyActions(props.alerts, a.cacheMemory.severity),
        alarmDescription: `L2 cache ${member}: memory use above ${a.cacheMemory.thresholdPercent}% for ${a.cacheMemory.forMinutes} min`,
        namespace: "AWS/ElastiCache",
        metricName: "DatabaseMemoryUsagePercentage",
        dimensions: { CacheClusterId: cluster },
        statistic: "Average",
        period: ONE_MINUTE_PERIOD,
        comparisonOperator: "GreaterThanThreshold",
        threshold: a.cacheMemory.thresholdPercent,
        evaluationPeriods: a.cacheMemory.forMinutes,
        treatMissingData: "missing",
      });
      add("evictions-high", {
        ...notifyActions(props.alerts, a.cacheEvictions.severity),
        alarmDescription: `L2 cache ${member}: evictions above ${a.cacheEvictions.thresholdPercent}% of writes for ${a.cacheEvictions.forMinutes} min`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: a.cacheEvictions.thresholdPercent,
        evaluationPeriods: a.cacheEvictions.forMinutes,
        treatMissingData: "notBreaching",
        metricQuery: [
          {
            id: "share",
            label: "evictions % of writes",
            expression: "IF(writes > 0, 100 * evictions / writes, 0)",
            returnData: true,
          },
          metric("evictions", "Evictions", cluster),
          metric("writes", "SetTypeCmds", cluster),
        ],
      });
      if (p.l2Cache.replicas >= 1) {
        add("replication-lag-high", {
          ...notifyActions(props.alerts, a.cacheReplicationLag.severity),
          alarmDescription: `L2 cache ${member}: replication lag above ${a.cacheReplicationLag.thresholdSeconds} s for ${a.cacheReplicationLag.forMinutes} min (replicas only)`,
          namespace: "AWS/ElastiCache",
          metricName: "ReplicationLag",
          dimensions: { CacheClusterId: cluster },
          statistic: "Maximum",
          period: ONE_MINUTE_PERIOD,
          comparisonOperator: "GreaterThanThreshold",
          threshold: a.cacheReplicationLag.thresholdSeconds,
          evaluationPeriods: a.cacheReplicationLag.forMinutes,
          treatMissingData: "notBreaching",
        });
      }
    });
  }
}
