import { type CloudflarePlan, type Platform, planHas } from "@edge/platform";
import { Construct } from "../providers/cdktf.ts";
import { ZoneSetting } from "../providers/cloudflare.ts";

export interface ZoneSettingsProps {
  readonly zoneId: string;
  /** The zone owner's model: `zone` (TLS, HTTPS, HTTP/3, early hints) and `compression` (brotli) are read. */
  readonly platform: Platform;
  /** The zone's plan: `http2` is read-only (always on) on Free, so it is only declared where it can be set. */
  readonly plan: CloudflarePlan;
}

const onOff = (flag: boolean) => (flag ? "on" : "off");

/** Cloudflare setting id → value, all from the model. HTTP/2 is always on: the edge worker relies on it. */
export function zoneSettingValues(
  p: Platform,
  plan: CloudflarePlan = p.cloudflare.plan,
): Record<string, string> {
  return {
    always_use_https: onOff(p.zone.alwaysUseHttps),
    min_tls_version: p.zone.minTlsVersion,
    tls_1_3: onOff(p.zone.tls13),
    ssl: p.zone.sslMode,
    ...(planHas(plan, "http2Setting") ? { http2: "on" } : {}),
    http3: onOff(p.zone.http3),
    brotli: onOff(p.compression.algorithms.includes("br")),
    early_hints: onOff(p.zone.earlyHints),
  };
}

/**
 * One `cloudflare_zone_setting` per setting (the v5 provider has no combined settings-override resource). Zone
 * settings are zone-wide: only the zone's owner declares them (README, "Zone layout").
 */
export class ZoneSettings extends Construct {
  readonly settings: Record<string, ZoneSetting> = {};

  constructor(scope: Construct, id: string, props: ZoneSettingsProps) {
    super(scope, id);
    for (const [settingId, value] of Object.entries(zoneSettingValues(props.platform, props.plan))) {
      this.settings[settingId] = new ZoneSetting(this, settingId, {
        zoneId: props.zoneId,
        settingId,
        // The provider types `value` as a map, but these settings take a plain string.
        value: value as unknown as Record<string, string>,
      });
    }
  }
}
