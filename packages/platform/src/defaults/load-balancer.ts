import type { LoadBalancer, Pool } from "../schema/index.ts";
import { SECONDS_PER_DAY } from "./units.ts";

/** Cloudflare's published edge ranges (https://www.cloudflare.com/ips/), the default trusted proxies. */
export const CLOUDFLARE_IP_RANGES = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
];

/** The NGINX load balancer: TLS intermediate profile, slow-client timeouts, real IP from Cloudflare only. */
export const defaultLoadBalancer = {
  listen: { httpPort: 80, httpsPort: 443 },
  workerProcesses: "auto",
  workerConnections: 4096,
  tls: {
    profile: "intermediate",
    certificate: null,
    sessionTimeoutSeconds: SECONDS_PER_DAY,
    sessionCacheMegabytes: 10,
    resolvers: ["1.1.1.1", "1.0.0.1"],
  },
  clientTimeouts: { headerSeconds: 10, bodySeconds: 10, keepaliveSeconds: 65, sendSeconds: 10 },
  realIp: { header: "CF-Connecting-IP", trustedProxies: CLOUDFLARE_IP_RANGES },
  sharedZoneMegabytes: 10,
} satisfies LoadBalancer;

/**
 * How NGINX talks to a pool unless the pool overrides it. 128 idle connections per worker: 32 overflowed with
 * 50 clients on 2 workers in the measurements behind the nginx bench.
 */
export const defaultUpstream = {
  maxFails: 3,
  failTimeoutSeconds: 10,
  keepaliveConnections: 128,
  keepaliveTimeoutSeconds: 60,
  connectTimeoutSeconds: 2,
  readTimeoutSeconds: 30,
  nextUpstreamTries: 3,
  nextUpstreamTimeoutSeconds: 10,
} satisfies Pool["upstream"];
