import type { Platform } from "@edge/platform";
import type { Layer } from "../app/naming.ts";
import { SLO_MANIFEST } from "../policy/rules/slo/index.ts";
import { Construct, TerraformLocal, TerraformStack } from "../providers/cdktf.ts";
import { type Severity, SloBurnRateAlarms } from "./slo-burn-rate.ts";
import { CdnHitRatio } from "./slo-cdn.ts";
import { SloDashboard } from "./slo-dashboard.ts";
import { type Indicator, indicatorsOf } from "./slo-indicators.ts";
import { SyntheticChecks } from "./slo-synthetic.ts";

export interface ServiceLevelsProps {
  readonly platform: Platform;
  readonly layer: Layer;
  /** `arn_suffix` of the ALB (CloudWatch dimension `LoadBalancer`). */
  readonly loadBalancerArnSuffix: string;
  /** Pool name → `arn_suffix` of its target group (dimension `TargetGroup`). */
  readonly targetGroupArnSuffixes: Readonly<Record<string, string>>;
  /**
   * Destinations per severity. Until the per-severity topics exist, the compute stack passes its alarm topic
   * for both.
   */
  readonly notify: Readonly<Record<Severity, readonly string[]>>;
}

/** The `slo` section of the model, rendered: burn-rate alerts per SLO, synthetic checks, CDN hit ratio, dashboard. */
export class ServiceLevels extends Construct {
  readonly alarms: Record<string, SloBurnRateAlarms> = {};

  constructor(scope: Construct, id: string, props: ServiceLevelsProps) {
    super(scope, id);
    const p = props.platform;
    const objectives: Record<string, Indicator[]> = {};
    for (const [name, slo] of Object.entries(p.slo.objectives)) {
      const targetGroup = props.targetGroupArnSuffixes[slo.pool];
      if (targetGroup === undefined) {
        throw new Error(
          `slo.objectives.${name}.pool: "${slo.pool}" has no target group here; known: ${Object.keys(props.targetGroupArnSuffixes).join(", ")}`,
        );
      }
      const indicators = indicatorsOf(slo, {
        LoadBalancer: props.loadBalancerArnSuffix,
        TargetGroup: targetGroup,
      });
      objectives[name] = indicators;
      this.alarms[name] = new SloBurnRateAlarms(this, `burn-${name}`, {
        platform: p,
        sloName: name,
        indicators,
        notify: props.notify,
      });
    }
    // What the stack promises, in the JSON: policy SLO1 checks every entry has its composite alarms.
    new TerraformLocal(TerraformStack.of(this), SLO_MANIFEST, {
      windowDays: p.slo.windowDays,
      alerts: p.slo.burnRateAlerts,
      objectives: Object.fromEntries(
        Object.entries(objectives).map(([name, indicators]) => [
          name,
          {
            pool: p.slo.objectives[name]?.pool,
            indicators: Object.fromEntries(
              indicators.map((i) => [
                i.key,
                Object.fromEntries(
                  Object.keys(p.slo.burnRateAlerts).map((alert) => [
                    alert,
                    this.alarms[name]?.compositeNames[`${i.key}/${alert}`],
                  ]),
                ),
              ]),
            ),
          },
        ]),
      ),
    });
    const synthetic = new SyntheticChecks(this, "synthetic", { platform: p, layer: props.layer });
    new CdnHitRatio(this, "cdn", { platform: p, notifyArns: props.notify.page });
    new SloDashboard(this, "dashboard", { platform: p, objectives, syntheticChecks: synthetic.checks });
  }
}
