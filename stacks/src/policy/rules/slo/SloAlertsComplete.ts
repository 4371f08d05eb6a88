import { Compliance, type JsonObject, type PolicyRule, type StackView } from "../../types.ts";
import { isObject, nonCompliant, refersTo } from "../util.ts";

/** Name of the local the stacks write their SLOs into (`stacks/src/aws/service-levels.ts`). */
export const SLO_MANIFEST = "slo_manifest";

interface ManifestAlert {
  severity: string;
  longWindowMinutes: number;
  shortWindowMinutes: number;
}

const periodsOf = (alarm: JsonObject): number[] => {
  const queries = Array.isArray(alarm.metric_query) ? alarm.metric_query.filter(isObject) : [];
  const periods = queries.map((q) => (isObject(q.metric) ? Number(q.metric.period) : Number.NaN));
  return [...new Set(periods.filter((n) => !Number.isNaN(n)))];
};

/** The two metric alarms an `ALARM(a) AND ALARM(b)` rule names, by reference or by literal name. */
function windowAlarms(rule: string, stack: StackView): JsonObject[] {
  const alarms = stack.resourcesOfType("aws_cloudwatch_metric_alarm");
  return alarms
    .filter((a) => refersTo(rule, a.address) || rule.includes(`"${String(a.config.alarm_name)}"`))
    .map((a) => a.config);
}

function problemsOf(
  slo: string,
  indicator: string,
  alertName: string,
  alert: ManifestAlert,
  compositeName: unknown,
  stack: StackView,
): string[] {
  const what = `${slo}/${indicator}/${alertName}`;
  const composite = stack
    .resourcesOfType("aws_cloudwatch_composite_alarm")
    .find((c) => c.config.alarm_name === compositeName || refersTo(compositeName, c.address));
  if (!composite) return [`${what}: no composite alarm ${String(compositeName)}`];
  const problems: string[] = [];
  const actions = composite.config.alarm_actions;
  if (!Array.isArray(actions) || actions.length === 0)
    problems.push(`${what}: the composite notifies nobody`);
  const rule = String(composite.config.alarm_rule ?? "");
  const windows = windowAlarms(rule, stack);
  if (!/\)\s+AND\s+ALARM\(/.test(rule) || windows.length !== 2) {
    problems.push(`${what}: alarm_rule must be ALARM(long window) AND ALARM(short window)`);
    return problems;
  }
  const periods = windows.flatMap(periodsOf).sort((a, b) => a - b);
  const expected = [alert.shortWindowMinutes * 60, alert.longWindowMinutes * 60];
  if (periods.join() !== expected.join()) {
    problems.push(
      `${what}: window periods are ${periods.join(" s, ")} s, expected ${expected.join(" s and ")} s`,
    );
  }
  return problems;
}

/**
 * Every SLO the stack declares (the `slo_manifest` local) has its multi-window, multi-burn-rate alerts: per
 * indicator and burn-rate alert a composite alarm `ALARM(long) AND ALARM(short)` with actions, whose two metric
 * alarms evaluate one period of the long and of the short window, and at least one alert that pages.
 * Source: Google SRE workbook, "Alerting on SLOs" (multiwindow, multi-burn-rate alerts); CloudWatch user guide,
 * "Combining alarms" (composite alarm rule syntax `ALARM("name") AND ALARM("name")`).
 */
export const SloAlertsComplete: PolicyRule = {
  name: "SloAlertsComplete",
  check(block, stack) {
    if (block.kind !== "local" || block.name !== SLO_MANIFEST) return Compliance.NOT_APPLICABLE;
    const manifest = block.config.value;
    if (!isObject(manifest) || !isObject(manifest.objectives) || !isObject(manifest.alerts)) {
      return nonCompliant("the manifest has no objectives or alerts");
    }
    const alerts = manifest.alerts as Record<string, ManifestAlert>;
    const problems: string[] = [];
    if (!Object.values(alerts).some((a) => a.severity === "page")) problems.push("no burn-rate alert pages");
    for (const [slo, objective] of Object.entries(manifest.objectives)) {
      const indicators = isObject(objective) && isObject(objective.indicators) ? objective.indicators : {};
      if (Object.keys(indicators).length === 0) problems.push(`${slo}: no indicators`);
      for (const [indicator, composites] of Object.entries(indicators)) {
        for (const [alertName, alert] of Object.entries(alerts)) {
          const name = isObject(composites) ? composites[alertName] : undefined;
          problems.push(...problemsOf(slo, indicator, alertName, alert, name, stack));
        }
      }
    }
    return problems.length === 0 ? Compliance.COMPLIANT : nonCompliant(problems.join("; "));
  },
};
