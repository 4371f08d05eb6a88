import { securityHeadersFor } from "@edge/platform/headers";
import type { Resolved } from "../options.ts";
import { comment, directive, type Entry } from "./serialize.ts";

/**
 * One CSP profile's security headers, `always` so errors carry them too. A profile with `nonceScripts` is sent
 * without the nonce: nginx cannot nonce a body it does not parse; the edge worker in front adds it. The
 * upstream's own copies of these headers are hidden so the model's are the only ones.
 */
export function securityConf(r: Resolved, profile: string): Entry[] {
  const policy = r.platform.securityHeaders;
  const headers = securityHeadersFor(policy, profile);
  return [
    ...(policy.csp[profile]!.nonceScripts
      ? [comment("CSP without a nonce: the edge worker adds 'nonce-…' 'strict-dynamic' per response.")]
      : []),
    ...Object.entries(headers).map(([name, value]) => directive("add_header", name, value, "always")),
    // The model's values replace an upstream's own (two CSP headers would both be enforced).
    ...Object.keys(headers).map((name) => directive("proxy_hide_header", name)),
  ];
}
