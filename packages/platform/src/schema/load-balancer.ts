import { z } from "zod";
import { cidr, int, port, seconds } from "./primitives.ts";

const filePath = (what: string) =>
  z
    .string({ error: `must be the path of ${what}` })
    .min(1, { error: `must be the path of ${what} (not empty)` })
    .regex(/^[^\s;{}"']+$/, { error: `must be the path of ${what} without spaces, quotes, ; or braces` });

/** Certificate files of a real (CA-issued) certificate on the NGINX host. */
export const LbCertificateSchema = z.strictObject({
  certPath: filePath("the PEM certificate chain").describe("ssl_certificate (full chain, leaf first)."),
  keyPath: filePath("the PEM private key").describe("ssl_certificate_key."),
  trustedChainPath: filePath("the PEM issuer chain")
    .nullable()
    .describe("ssl_trusted_certificate for OCSP stapling verification; null: stapling off."),
});

export const LbTlsSchema = z.strictObject({
  profile: z
    .enum(["intermediate", "modern"], { error: "must be intermediate (TLS 1.2 + 1.3) or modern (TLS 1.3)" })
    .describe("Mozilla server-side TLS profile: intermediate = TLS 1.2 and 1.3, modern = TLS 1.3 only."),
  certificate: LbCertificateSchema.nullable().describe(
    "A real certificate (enables OCSP stapling when trustedChainPath is set); null: `nginx:render` generates a self-signed one for local use.",
  ),
  sessionTimeoutSeconds: seconds(60, 86_400).describe("ssl_session_timeout (session tickets stay off)."),
  sessionCacheMegabytes: int(1, 1024, " MB").describe(
    "Shared TLS session cache (about 4000 sessions per MB).",
  ),
  resolvers: z
    .array(z.string().regex(/^[0-9a-fA-F.:[\]]+$/, { error: "must be an IP address" }))
    .min(1)
    .describe("DNS resolvers NGINX uses to reach the OCSP responder (stapling only)."),
});

export const LbClientTimeoutsSchema = z.strictObject({
  headerSeconds: seconds(1, 300).describe(
    "client_header_timeout: drops clients that send headers too slowly.",
  ),
  bodySeconds: seconds(1, 300).describe("client_body_timeout: max pause between two body reads."),
  keepaliveSeconds: seconds(0, 3600).describe("keepalive_timeout for idle client connections."),
  sendSeconds: seconds(1, 300).describe("send_timeout: max pause between two writes to the client."),
});

export const LbRealIpSchema = z.strictObject({
  header: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, { error: "must be an HTTP header name such as CF-Connecting-IP" })
    .describe("Header carrying the client address, trusted only from trustedProxies."),
  trustedProxies: z.array(cidr()).describe("Networks whose real-IP header is believed (Cloudflare ranges)."),
});

/** The NGINX load balancer's own settings; per-pool numbers live in `pools.*.upstream`. */
export const LoadBalancerSchema = z
  .strictObject({
    listen: z
      .strictObject({
        httpPort: port().describe("Plain HTTP port (redirects to HTTPS)."),
        httpsPort: port().describe("HTTPS port."),
      })
      .describe("Ports NGINX listens on."),
    workerProcesses: z
      .union([z.literal("auto"), int(1, 256, " processes")], {
        error: 'must be "auto" or a whole number from 1 to 256 processes',
      })
      .describe('worker_processes; "auto" = one per CPU core.'),
    workerConnections: int(64, 1_000_000, " connections").describe("worker_connections per worker."),
    tls: LbTlsSchema,
    clientTimeouts: LbClientTimeoutsSchema,
    realIp: LbRealIpSchema,
    sharedZoneMegabytes: int(1, 1024, " MB").describe("Size of each limit_req / limit_conn shared zone."),
  })
  .describe("The NGINX load balancer in front of the pools (rendered by @edge/nginx).");
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>;
