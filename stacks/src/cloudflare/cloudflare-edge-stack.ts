import type { Platform } from "@edge/platform";
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from "../providers/cdktf.ts";
import { CloudflareProvider } from "../providers/cloudflare.ts";
import { CacheRules } from "./cache-rules.ts";
import { SecurityRules } from "./security-rules.ts";
import { WorkerRoutes } from "./worker-routes.ts";
import { ZoneSettings } from "./zone-settings.ts";

export interface CloudflareEdgeStackProps {
  /** The resolved model of one environment. */
  readonly platform: Platform;
}

/**
 * Cloudflare side of one environment: zone settings, cache rules, WAF + rate limiting, worker routes.
 * The API token is read by the provider from `CLOUDFLARE_API_TOKEN` at plan time — never written here.
 * The worker script is NOT declared: wrangler deploys it (see README, "Who owns what").
 */
export class CloudflareEdgeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: CloudflareEdgeStackProps) {
    super(scope, id);
    const p = props.platform;
    new CloudflareProvider(this, "cloudflare", {});
    const zoneId = new TerraformVariable(this, "cloudflare_zone_id", {
      type: "string",
      description: `Cloudflare zone id of ${p.zone.domain} (input: the zone is not managed here)`,
    }).stringValue;

    new ZoneSettings(this, "zone-settings", { zoneId, platform: p });
    const cache = new CacheRules(this, "cache-rules", { zoneId, platform: p });
    const security = new SecurityRules(this, "security", { zoneId, platform: p });
    new WorkerRoutes(this, "worker-routes", { zoneId, platform: p });

    new TerraformOutput(this, "cache_ruleset_id", { value: cache.ruleset.id });
    new TerraformOutput(this, "firewall_ruleset_id", { value: security.firewall.id });
  }
}
