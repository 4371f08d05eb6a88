import type { Platform } from "@edge/platform";
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from "../providers/cdktf.ts";
import { CloudflareProvider, DataCloudflareZone } from "../providers/cloudflare.ts";
import { CacheRules } from "./cache-rules.ts";
import { ManagedRules } from "./managed-rules.ts";
import { SecurityRules } from "./security-rules.ts";
import { WorkerRoutes } from "./worker-routes.ts";
import { type CloudflareZone, cloudflareZones } from "./zone-layout.ts";
import { ZoneSettings } from "./zone-settings.ts";

export interface CloudflareEdgeStackProps {
  /** The resolved model of one environment. */
  readonly platform: Platform;
  /**
   * The zone this environment lives in, with every environment sharing it (from `cloudflareZones`).
   * @default a zone of its own: `cloudflareZones([platform])` (the environment must own it)
   */
  readonly zone?: CloudflareZone;
}

/**
 * Cloudflare side of one environment: its worker routes and, when it owns its zone (`cloudflare.ownsZone`), the
 * zone-wide objects — zone settings and ONE entry-point ruleset per phase (cache rules, custom WAF, rate limiting,
 * managed WAF) holding the rules of every environment in the zone, each scoped by host.
 * The zone id is looked up by `cloudflare.zoneName`; the lookup also checks the zone's real plan against the
 * model's. The API token is read by the provider from `CLOUDFLARE_API_TOKEN` at plan time — never written here.
 * The worker script is NOT declared: wrangler deploys it (see README, "Who owns what").
 */
export class CloudflareEdgeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CloudflareEdgeStackProps) {
    super(scope, id);
    const p = props.platform;
    const zone = props.zone ?? (cloudflareZones([p])[0] as CloudflareZone);
    new CloudflareProvider(this, "cloudflare", {});
    const accountId = new TerraformVariable(this, "cloudflare_account_id", {
      type: "string",
      description: `Cloudflare account of the zone ${zone.name} and of the worker script ${p.edge.scriptName}`,
    }).stringValue;
    const lookup = new DataCloudflareZone(this, "zone", {
      filter: { name: zone.name, account: { id: accountId } },
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.plan.legacy_id == "${zone.plan}"}`,
            errorMessage: `The zone ${zone.name} is not on the ${zone.plan} plan that cloudflare.plan declares; the rendered rules assume that plan.`,
          },
        ],
      },
    });
    const zoneId = lookup.id;

    new WorkerRoutes(this, "worker-routes", { zoneId, accountId, platform: p });
    new TerraformOutput(this, "zone_id", { value: zoneId });
    if (!p.cloudflare.ownsZone) return;

    new ZoneSettings(this, "zone-settings", { zoneId, platform: zone.owner, plan: zone.plan });
    const cache = new CacheRules(this, "cache-rules", { zoneId, zone });
    const security = new SecurityRules(this, "security", { zoneId, zone });
    new ManagedRules(this, "managed-waf", { zoneId, zone });

    new TerraformOutput(this, "cache_ruleset_id", { value: cache.ruleset.id });
    new TerraformOutput(this, "firewall_ruleset_id", { value: security.firewall.id });
  }
}
