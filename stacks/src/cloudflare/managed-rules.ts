import { MANAGED_RULESETS, managedRulesetsOf } from "@edge/platform";
import { Construct } from "../providers/cdktf.ts";
import { Ruleset } from "../providers/cloudflare.ts";
import { zoneRules } from "./scoped-rules.ts";
import type { CloudflareZone } from "./zone-layout.ts";

export interface ManagedRulesProps {
  readonly zoneId: string;
  /** The zone: its plan and every environment's `cloudflare.managedRulesets`. */
  readonly zone: CloudflareZone;
}

/**
 * Cloudflare's managed WAF rulesets (`http_request_firewall_managed`): one `execute` rule per ruleset the model
 * asks for, scoped to the hosts of the environments that ask. Free zones run the Free Managed Ruleset, which
 * Cloudflare deploys itself, so a Free zone gets no ruleset here (`managedRulesets: "all-available"` is empty).
 */
export class ManagedRules extends Construct {
  readonly ruleset: Ruleset | undefined;

  constructor(scope: Construct, id: string, props: ManagedRulesProps) {
    super(scope, id);
    const { zone } = props;
    const rules = zoneRules(zone, (p) =>
      managedRulesetsOf(p.cloudflare).map((name) => ({
        ref: `managed_${name.replaceAll("-", "_")}`,
        description: `Deploy the ${MANAGED_RULESETS[name].name}`,
        expression: "",
        action: "execute",
        actionParameters: { id: MANAGED_RULESETS[name].id },
      })),
    );
    this.ruleset =
      rules.length === 0
        ? undefined
        : new Ruleset(this, "ruleset", {
            zoneId: props.zoneId,
            kind: "zone",
            phase: "http_request_firewall_managed",
            name: `${zone.owner.name} ${zone.name} managed WAF rulesets`,
            rules,
          });
  }
}
