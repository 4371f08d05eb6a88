// The only module that imports the Cloudflare provider (v5, via @cdktf/provider-cloudflare 13.x). Deep paths only.
// Keep one `export { ... } from` per line: the benchmark's barrel baseline rewrites these lines.

export { DataCloudflareWorkersScript } from "@cdktf/provider-cloudflare/lib/data-cloudflare-workers-script/index.js";
export { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone/index.js";
export { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider/index.js";
export type { RulesetRules } from "@cdktf/provider-cloudflare/lib/ruleset/index.js";
export { Ruleset } from "@cdktf/provider-cloudflare/lib/ruleset/index.js";
export { WorkersRoute } from "@cdktf/provider-cloudflare/lib/workers-route/index.js";
export { ZoneSetting } from "@cdktf/provider-cloudflare/lib/zone-setting/index.js";
