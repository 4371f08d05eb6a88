import { burnRate, type Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchDashboard } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import { CDN_METRICS } from "./slo-cdn.ts";
import type { Indicator } from "./slo-indicators.ts";
import { ROUTE53_METRICS_REGION, type SyntheticCheck } from "./slo-synthetic.ts";

export interface SloDashboardProps {
  readonly platform: Platform;
  /** SLO name → its indicators (from `indicatorsOf`). */
  readonly objectives: Readonly<Record<string, readonly Indicator[]>>;
  readonly syntheticChecks: readonly SyntheticCheck[];
}

const FULL = 24;
const HEIGHT = 6;
const BUDGET_WIDTH = 4;
const BURN_PERIOD_SECONDS = 300;

/**
 * `<product>-<env>-slo`: per SLO the error budget left over the window (one number per indicator) and the burn
 * rate of every indicator with the alert thresholds drawn in; then the synthetic checks (from us-east-1) and the
 * CDN hit ratio per route class with its alarm floor. Widget fields: CloudWatch "Dashboard body structure"
 * (`singleValue` view, per-widget `start`/`period`/`setPeriodToTimeRange`, per-widget `region`).
 */
export class SloDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: SloDashboardProps) {
    super(scope, id);
    const p = props.platform;
    const { windowDays, burnRateAlerts } = p.slo;
    const region = p.aws.region;
    const widgets: object[] = [];
    let y = 0;

    for (const [name, indicators] of Object.entries(props.objectives)) {
      let x = 0;
      for (const indicator of indicators) {
        const budget = indicator.budgetPercent;
        widgets.push({
          type: "metric",
          x,
          y,
          width: BUDGET_WIDTH,
          height: HEIGHT,
          properties: {
            title: `${name} ${indicator.label}: budget left (${windowDays} d)`,
            region,
            view: "singleValue",
            start: `-P${windowDays}D`,
            period: windowDays * 86_400,
            setPeriodToTimeRange: true,
            metrics: [
              [{ expression: `100 - 100 * b_bad / ${budget}`, label: "% of error budget left", id: "left" }],
              ...indicator.dashboardRows("b_", false),
            ],
          },
        });
        x += BUDGET_WIDTH;
      }
      const rates = Object.entries(burnRateAlerts).map(([alertName, alert]) => ({
        label: `${alertName} (${Math.round(burnRate(alert, windowDays) * 100) / 100}×)`,
        value: Math.round(burnRate(alert, windowDays) * 100) / 100,
      }));
      widgets.push({
        type: "metric",
        x,
        y,
        width: FULL - x,
        height: HEIGHT,
        properties: {
          title: `${name}: burn rate (bad share ÷ budget, ${BURN_PERIOD_SECONDS / 60}-minute periods)`,
          region,
          view: "timeSeries",
          period: BURN_PERIOD_SECONDS,
          metrics: indicators.flatMap((indicator, i) => [
            [
              {
                expression: `i${i}_bad / ${indicator.budgetPercent}`,
                label: indicator.label,
                id: `burn${i}`,
              },
            ],
            ...indicator.dashboardRows(`i${i}_`, false),
          ]),
          annotations: { horizontal: rates },
        },
      });
      y += HEIGHT;
    }

    widgets.push({
      type: "metric",
      x: 0,
      y,
      width: FULL / 2,
      height: HEIGHT,
      properties: {
        title: `Synthetic checks of ${p.zone.domain}: % of Route 53 checkers reporting healthy`,
        region: ROUTE53_METRICS_REGION,
        view: "timeSeries",
        stat: "Average",
        period: 60,
        metrics: props.syntheticChecks.map((c) => [
          "AWS/Route53",
          "HealthCheckPercentageHealthy",
          "HealthCheckId",
          c.healthCheckId,
          { label: `${c.name} ${c.path}` },
        ]),
      },
    });
    const floor = p.alarms.cacheHitRate;
    const cacheableClasses = Object.entries(p.routeClasses)
      .filter(([, rc]) => rc.cache.mode === "cache")
      .map(([name]) => name);
    widgets.push({
      type: "metric",
      x: FULL / 2,
      y,
      width: FULL / 2,
      height: HEIGHT,
      properties: {
        title: "CDN hit ratio % per route class (edge worker, Cache-Status)",
        region,
        view: "timeSeries",
        stat: "Average",
        period: 60,
        metrics: [CDN_METRICS.allClasses, ...cacheableClasses].map((routeClass) => [
          p.slo.cdn.namespace,
          CDN_METRICS.hitRatio,
          CDN_METRICS.environmentDimension,
          p.environment,
          CDN_METRICS.classDimension,
          routeClass,
        ]),
        annotations: {
          horizontal: [
            {
              label: `alarm below ${floor.belowPercent} % for ${floor.forMinutes} min`,
              value: floor.belowPercent,
            },
          ],
        },
      },
    });

    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: awsName(p, "slo"),
      dashboardBody: JSON.stringify({ widgets }),
    });
  }
}
