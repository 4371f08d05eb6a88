import { type BurnRateAlert, burnRate, type Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { CloudwatchCompositeAlarm, CloudwatchMetricAlarm } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";
import type { Indicator } from "./slo-indicators.ts";

export type Severity = BurnRateAlert["severity"];

export interface SloBurnRateAlarmsProps {
  readonly platform: Platform;
  /** Key of the objective in `slo.objectives`. */
  readonly sloName: string;
  readonly indicators: readonly Indicator[];
  /** Where each severity notifies (composite alarms only; the window alarms stay silent). */
  readonly notify: Readonly<Record<Severity, readonly string[]>>;
}

/** `5m`, `1h`, `3d`: window lengths in alarm names. */
export const windowLabel = (minutes: number) =>
  minutes % 1440 === 0 ? `${minutes / 1440}d` : minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;

/** Bad-request percentage an alert fires above: burn rate × error budget, to 4 decimals. */
export const burnThreshold = (alert: BurnRateAlert, windowDays: number, budgetPercent: number) =>
  Math.round(burnRate(alert, windowDays) * budgetPercent * 10_000) / 10_000;

/**
 * Multi-window, multi-burn-rate alerts of one SLO (Google SRE workbook, "Alerting on SLOs", table 5-8; Sloth).
 * Per indicator and `slo.burnRateAlerts` entry: a metric-math alarm over the long window and one over the short
 * window (each one period of the window's length, evaluated once: CloudWatch allows period × evaluation
 * periods up to 7 days, and up to 1 day for periods under an hour — PutMetricAlarm API reference), and a
 * composite alarm `ALARM(long) AND ALARM(short)` that notifies the severity's destinations.
 */
export class SloBurnRateAlarms extends Construct {
  /** `<indicator>/<alert>` → the composite alarm that notifies. */
  readonly composites: Record<string, CloudwatchCompositeAlarm> = {};
  /** `<indicator>/<alert>` → the composite alarm's name, as a plain string (for the SLO manifest). */
  readonly compositeNames: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: SloBurnRateAlarmsProps) {
    super(scope, id);
    const { platform: p, sloName } = props;
    const { windowDays, burnRateAlerts } = p.slo;
    for (const indicator of props.indicators) {
      for (const [alertName, alert] of Object.entries(burnRateAlerts)) {
        const threshold = burnThreshold(alert, windowDays, indicator.budgetPercent);
        const rate = Math.round(burnRate(alert, windowDays) * 100) / 100;
        const base = `slo-${sloName}-${indicator.key}-${alertName}`;
        const windows = [alert.longWindowMinutes, alert.shortWindowMinutes].map((minutes) => {
          const label = windowLabel(minutes);
          // No actions of its own: one window alone must not notify (policy CW1 accepts it through the composite).
          return new CloudwatchMetricAlarm(this, `${indicator.key}-${alertName}-${label}`, {
            alarmName: awsName(p, `${base}-${label}`),
            alarmDescription: `${sloName} ${indicator.label}: more than ${threshold} % bad requests over ${label} (${rate}× burn of a ${windowDays}-day budget of ${Math.round(indicator.budgetPercent * 1000) / 1000} %)`,
            comparisonOperator: "GreaterThanThreshold",
            threshold,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
            metricQuery: indicator.queries(minutes * 60),
          });
        });
        const [long, short] = windows as [CloudwatchMetricAlarm, CloudwatchMetricAlarm];
        this.compositeNames[`${indicator.key}/${alertName}`] = awsName(p, base);
        this.composites[`${indicator.key}/${alertName}`] = new CloudwatchCompositeAlarm(
          this,
          `${indicator.key}-${alertName}`,
          {
            alarmName: awsName(p, base),
            alarmDescription: `${alert.severity}: ${sloName} ${indicator.label} burns its ${windowDays}-day error budget at ${rate}× over ${windowLabel(alert.longWindowMinutes)} and ${windowLabel(alert.shortWindowMinutes)} (${alert.budgetPercent} % of the budget in ${windowLabel(alert.longWindowMinutes)})`,
            alarmRule: `ALARM("${long.alarmName}") AND ALARM("${short.alarmName}")`,
            alarmActions: [...props.notify[alert.severity]],
            okActions: [...props.notify[alert.severity]],
          },
        );
      }
    }
  }
}
