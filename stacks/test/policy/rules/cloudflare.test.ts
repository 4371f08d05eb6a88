import { Ruleset, type RulesetRules } from "@cdktf/provider-cloudflare/lib/ruleset/index.js";
import { WorkersRoute } from "@cdktf/provider-cloudflare/lib/workers-route/index.js";
import { WorkersScript } from "@cdktf/provider-cloudflare/lib/workers-script/index.js";
import { ZoneSetting } from "@cdktf/provider-cloudflare/lib/zone-setting/index.js";
import type { TerraformStack } from "cdktf";
import { describeRules } from "../helpers.ts";

const ZONE = "0123456789abcdef0123456789abcdef";
const SECURE: Record<string, string> = {
  min_tls_version: "1.2",
  always_use_https: "on",
  ssl: "strict",
  tls_1_3: "on",
};

/** Zone settings as the stacks declare them: one resource per setting, string values cast to the map type. */
const settings = (stack: TerraformStack, overrides: Record<string, string | undefined> = {}) => {
  for (const [settingId, value] of Object.entries({ ...SECURE, ...overrides })) {
    if (value === undefined) continue;
    new ZoneSetting(stack, settingId, {
      zoneId: ZONE,
      settingId,
      value: value as unknown as Record<string, string>,
    });
  }
};

const cacheRule = (armor: boolean): RulesetRules => ({
  ref: "static",
  description: "static assets",
  expression: '(starts_with(http.request.uri.path, "/assets/"))',
  action: "set_cache_settings",
  actionParameters: { cache: true, cacheKey: { cacheDeceptionArmor: armor, ignoreQueryStringsOrder: true } },
});
const cacheRules = (stack: TerraformStack, armor: boolean) =>
  new Ruleset(stack, "cache", {
    zoneId: ZONE,
    name: "cache rules",
    kind: "zone",
    phase: "http_request_cache_settings",
    rules: [cacheRule(armor)],
  });

describeRules([
  {
    id: "CF1",
    address: "cloudflare_zone_setting.min_tls_version",
    violating: (s) => settings(s, { min_tls_version: "1.0" }),
    compliant: (s) => settings(s),
  },
  {
    id: "CF2",
    address: "cloudflare_zone_setting.always_use_https",
    violating: (s) => settings(s, { always_use_https: "off" }),
    compliant: (s) => settings(s),
  },
  {
    id: "CF3",
    address: "cloudflare_zone_setting.ssl",
    violating: (s) => settings(s, { ssl: "full" }),
    compliant: (s) => settings(s),
  },
  {
    id: "CF4",
    address: "cloudflare_zone_setting.tls_1_3",
    violating: (s) => settings(s, { tls_1_3: "off" }),
    compliant: (s) => settings(s, { tls_1_3: "zrt" }),
  },
  {
    id: "CF5",
    address: "fixture",
    violating: (s) => settings(s, { min_tls_version: undefined }),
    compliant: (s) => settings(s),
  },
  {
    id: "CF6",
    address: "cloudflare_workers_script.edge",
    violating: (s) =>
      new WorkersScript(s, "edge", { accountId: "acc", scriptName: "edge", content: "export default {}" }),
    compliant: (s) => new WorkersRoute(s, "edge", { zoneId: ZONE, pattern: "example.com/*", script: "edge" }),
  },
  {
    id: "CF7",
    address: "cloudflare_ruleset.cache",
    violating: (s) => cacheRules(s, false),
    compliant: (s) => cacheRules(s, true),
  },
]);
