export { CloudflareAlwaysUseHttps } from "./CloudflareAlwaysUseHttps.ts";
export { CloudflareCacheDeceptionArmor } from "./CloudflareCacheDeceptionArmor.ts";
export { CloudflareMinTls } from "./CloudflareMinTls.ts";
export { CloudflareNoWorkerScript, WRANGLER_OWNED_TYPES } from "./CloudflareNoWorkerScript.ts";
export { CloudflareSslStrict } from "./CloudflareSslStrict.ts";
export { CloudflareTls13 } from "./CloudflareTls13.ts";
export {
  CloudflareZoneTlsSettingsDeclared,
  REQUIRED_ZONE_SETTINGS,
} from "./CloudflareZoneTlsSettingsDeclared.ts";
