import { securityHeadersFor } from "@edge/platform/headers";
import type { Resolved } from "../options.ts";
import { comment, directive, type Entry } from "./serialize.ts";

/**
 * One CSP profile's security headers, `always` so errors carry them too. A profile with `nonceScripts` is sent
 * without the nonce: nginx cannot nonce a body it does not parse; the edge worker in front adds it.
 */
export function securityConf(r: Resolved, profile: string): Entry[] {
  const policy = r.platform.securityHeaders;
  const headers = securityHeadersFor(policy, profile);
  return [
    ...(policy.csp[profile]!.nonceScripts
      ? [comment("CSP without a nonce: the edge worker adds 'nonce-…' 'strict-dynamic' per response.")]
      : []),
    ...Object.entries(headers).map(([name, value]) => directive("add_header", name, value, "always")),
  ];
}
