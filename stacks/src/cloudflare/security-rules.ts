import type { Platform } from "@edge/platform";
import { integerAbove } from "../app/integer-regex.ts";
import { Construct } from "../providers/cdktf.ts";
import { Ruleset } from "../providers/cloudflare.ts";
import { stringSet } from "./expressions.ts";

export interface SecurityRulesProps {
  readonly zoneId: string;
  /** `rateLimits.waf` and `waf` (IP block list, body size) are read. */
  readonly platform: Platform;
}

/** The model's WAF rate is per minute; Cloudflare counts over `period` seconds. */
const ONE_MINUTE_SECONDS = 60;

/** Methods the origin serves; anything else (TRACE, CONNECT, WebDAV verbs) is refused at the edge. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Custom WAF rules (`http_request_firewall_custom`) and per-IP rate limiting (`http_ratelimit`). */
export class SecurityRules extends Construct {
  readonly firewall: Ruleset;
  readonly rateLimit: Ruleset;

  constructor(scope: Construct, id: string, props: SecurityRulesProps) {
    super(scope, id);
    const p = props.platform;
    const blockList = p.waf.ipBlockList;
    this.firewall = new Ruleset(this, "custom-waf", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_request_firewall_custom",
      name: `${p.name}-${p.environment} custom WAF rules`,
      rules: [
        ...(blockList.length > 0
          ? [
              {
                ref: "block_ip_list",
                description: "Client networks on the model's block list",
                expression: `ip.src in {${blockList.join(" ")}}`,
                action: "block",
              },
            ]
          : []),
        {
          ref: "block_large_body",
          description: `Request bodies over ${p.waf.maxBodyBytes} bytes (by Content-Length)`,
          expression: `any(http.request.headers["content-length"][*] matches r"${integerAbove(p.waf.maxBodyBytes)}")`,
          action: "block",
        },
        {
          ref: "block_unknown_methods",
          description: "Methods the origin does not serve",
          expression: `not http.request.method in ${stringSet(ALLOWED_METHODS)}`,
          action: "block",
        },
      ],
    });
    this.rateLimit = new Ruleset(this, "rate-limit", {
      zoneId: props.zoneId,
      kind: "zone",
      phase: "http_ratelimit",
      name: `${p.name}-${p.environment} rate limiting`,
      rules: [
        {
          ref: "per_ip_rate",
          description: `More than ${p.rateLimits.waf.requestsPerMinute} requests per minute from one IP`,
          expression: `http.host in ${stringSet([p.zone.domain, p.zone.cdnHost])}`,
          action: "block",
          ratelimit: {
            characteristics: ["cf.colo.id", "ip.src"],
            period: ONE_MINUTE_SECONDS,
            requestsPerPeriod: p.rateLimits.waf.requestsPerMinute,
            mitigationTimeout: p.rateLimits.waf.mitigationSeconds,
          },
        },
      ],
    });
  }
}
