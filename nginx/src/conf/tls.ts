import type { Resolved } from "../options.ts";
import { blank, comment, directive, type Entry } from "./serialize.ts";

/** Mozilla server-side TLS guidelines (v5.7): the TLS 1.2 AEAD suites with forward secrecy. */
const INTERMEDIATE_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

export function tlsConf(r: Resolved): Entry[] {
  const tls = r.platform.loadBalancer.tls;
  const cert = r.certificate;
  const protocols = tls.profile === "modern" ? ["TLSv1.3"] : ["TLSv1.2", "TLSv1.3"];
  return [
    comment(`Mozilla "${tls.profile}" profile (loadBalancer.tls.profile).`),
    directive("ssl_protocols", ...protocols),
    ...(tls.profile === "intermediate" ? [directive("ssl_ciphers", INTERMEDIATE_CIPHERS)] : []),
    directive("ssl_prefer_server_ciphers", "off"),
    directive("ssl_ecdh_curve", "X25519:prime256v1:secp384r1"),
    directive("ssl_session_timeout", `${tls.sessionTimeoutSeconds}s`),
    directive("ssl_session_cache", `shared:TLS:${tls.sessionCacheMegabytes}m`),
    directive("ssl_session_tickets", "off"),
    blank,
    directive("ssl_certificate", cert.certPath),
    directive("ssl_certificate_key", cert.keyPath),
    ...(cert.stapling
      ? [
          blank,
          comment("OCSP stapling: only for a real certificate with its issuer chain."),
          directive("ssl_stapling", "on"),
          directive("ssl_stapling_verify", "on"),
          directive("ssl_trusted_certificate", cert.stapling.trustedChainPath),
          directive("resolver", ...cert.stapling.resolvers, "valid=300s"),
          directive("resolver_timeout", "5s"),
        ]
      : [comment("No OCSP stapling: local or self-signed certificate.")]),
  ];
}
