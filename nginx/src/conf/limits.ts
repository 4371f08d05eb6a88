import type { Resolved } from "../options.ts";
import { blank, comment, directive, type Entry } from "./serialize.ts";

export const REQUEST_ZONE = "per_ip_requests";
export const CONNECTION_ZONE = "per_ip_connections";
/** nginx refuses a limit_conn of 65536 or more. */
const MAX_LIMIT_CONN = 65_535;

/** Per-IP rate and connection limits, body size and the client timeouts that drop slow clients. */
export function limitsConf(r: Resolved): Entry[] {
  const p = r.platform;
  const rate = p.rateLimits.loadBalancer;
  const t = p.loadBalancer.clientTimeouts;
  const zone = `${p.loadBalancer.sharedZoneMegabytes}m`;
  if (rate.connectionsPerIp > MAX_LIMIT_CONN) {
    throw new Error(
      `rateLimits.loadBalancer.connectionsPerIp: ${rate.connectionsPerIp} — NGINX limit_conn allows 1 to ${MAX_LIMIT_CONN}`,
    );
  }
  return [
    comment("Per client IP (after real-IP), from rateLimits.loadBalancer."),
    directive(
      "limit_req_zone",
      "$binary_remote_addr",
      `zone=${REQUEST_ZONE}:${zone}`,
      `rate=${rate.requestsPerSecond}r/s`,
    ),
    directive("limit_conn_zone", "$binary_remote_addr", `zone=${CONNECTION_ZONE}:${zone}`),
    directive("limit_req", `zone=${REQUEST_ZONE}`, `burst=${rate.burst}`, "nodelay"),
    directive("limit_conn", CONNECTION_ZONE, rate.connectionsPerIp),
    directive("limit_req_status", rate.rejectStatus),
    directive("limit_conn_status", rate.rejectStatus),
    directive("limit_req_log_level", "warn"),
    directive("limit_conn_log_level", "warn"),
    blank,
    comment("Largest request body (waf.maxBodyBytes): bigger ones get 413."),
    directive("client_max_body_size", p.waf.maxBodyBytes),
    blank,
    comment("Slow clients are dropped (loadBalancer.clientTimeouts)."),
    directive("client_header_timeout", `${t.headerSeconds}s`),
    directive("client_body_timeout", `${t.bodySeconds}s`),
    directive("keepalive_timeout", `${t.keepaliveSeconds}s`),
    directive("send_timeout", `${t.sendSeconds}s`),
    directive("reset_timedout_connection", "on"),
  ];
}

/** Client addresses come from the CDN's header, believed only from the trusted proxy ranges. */
export function realIpConf(r: Resolved): Entry[] {
  const { header, trustedProxies } = r.platform.loadBalancer.realIp;
  if (trustedProxies.length === 0) return [comment("No trusted proxies: $remote_addr is the peer address.")];
  return [
    comment(`${header} is believed only from these networks (loadBalancer.realIp.trustedProxies).`),
    ...trustedProxies.map((cidr) => directive("set_real_ip_from", cidr)),
    directive("real_ip_header", header),
  ];
}
