import type { Resolved } from "../options.ts";
import { originAuthCheck, originAuthStrip } from "./origin-auth.ts";
import { block, comment, directive, type Entry, mapEntries } from "./serialize.ts";

const FORWARDED = [
  ["Host", "$host"],
  ["X-Real-IP", "$remote_addr"],
  ["X-Forwarded-For", "$proxy_add_x_forwarded_for"],
  ["X-Forwarded-Proto", "$scheme"],
  ["X-Forwarded-Host", "$host"],
  ["X-Forwarded-Port", "$server_port"],
  ["X-Request-ID", "$request_id"],
] as const;

/**
 * Forwarding headers, hidden upstream headers and HTTP/1.1 to the upstreams. nginx inherits proxy_set_header
 * and proxy_hide_header only when a level sets none, so each route includes exactly one of the two variants.
 */
export function proxyConf(r: Resolved, websocket: boolean): Entry[] {
  return [
    directive("proxy_http_version", "1.1"),
    ...FORWARDED.map(([name, value]) => directive("proxy_set_header", name, value)),
    ...(websocket
      ? [
          comment("WebSocket upgrade passes through."),
          directive("proxy_set_header", "Upgrade", "$http_upgrade"),
          directive("proxy_set_header", "Connection", "$connection_upgrade"),
        ]
      : [
          comment('Connection "" keeps the upstream keepalive pool in use.'),
          directive("proxy_set_header", "Connection", ""),
        ]),
    ...originAuthStrip(r),
    comment("securityHeaders.removeResponseHeaders"),
    ...r.platform.securityHeaders.removeResponseHeaders.map((h) => directive("proxy_hide_header", h)),
  ];
}

/** `$connection_upgrade`: "upgrade" when the client asks for it, else close. */
export function upgradeMap(): Entry[] {
  return [block(["map", "$http_upgrade", "$connection_upgrade"], mapEntries([["", "close"]], "upgrade"))];
}

/** Per-pool proxying: where to, its timeouts and bounded failover (never for POST and other non-idempotent methods). */
export function poolConf(r: Resolved, name: string): Entry[] {
  const u = r.platform.pools[name]!.upstream;
  return [
    ...originAuthCheck(),
    directive("proxy_pass", `http://${name}`),
    directive("proxy_connect_timeout", `${u.connectTimeoutSeconds}s`),
    directive("proxy_send_timeout", `${u.readTimeoutSeconds}s`),
    directive("proxy_read_timeout", `${u.readTimeoutSeconds}s`),
    comment("No non_idempotent: a POST that reached a server is never sent to another."),
    directive("proxy_next_upstream", "error", "timeout", "http_502", "http_503", "http_504"),
    directive("proxy_next_upstream_tries", u.nextUpstreamTries),
    directive("proxy_next_upstream_timeout", `${u.nextUpstreamTimeoutSeconds}s`),
  ];
}
