import type { Platform } from "@edge/platform";

/** One upstream server as NGINX addresses it. */
export interface UpstreamServer {
  host: string;
  port: number;
  weight?: number;
}

/** How to render one environment. Everything is optional: the defaults render the production config. */
export interface RenderOptions {
  /**
   * Where the two servers listen. Tests and local runs bind 127.0.0.1 on free ports.
   * @default all addresses on the model's `loadBalancer.listen` ports
   */
  listen?: { http: number; https: number; address?: string };
  /**
   * What the plain-HTTP server does: `redirect` to HTTPS, or `serve` the same routes (behind a TLS-terminating
   * balancer, and for the HTTP benchmark).
   * @default "redirect"
   */
  plainHttp?: "redirect" | "serve";
  /**
   * Replace the servers of some pools, keyed by pool name (local runs point pools at 127.0.0.1).
   * @default every pool keeps the model's servers
   */
  upstreamOverrides?: Readonly<Record<string, readonly UpstreamServer[]>>;
  /**
   * Certificate files, relative to the config directory or absolute. Given here they are treated as a local
   * certificate (no OCSP stapling).
   * @default the model's `loadBalancer.tls.certificate`, else the generated {@link SELF_SIGNED} pair
   */
  tls?: { certPath: string; keyPath: string };
  /**
   * Absolute path of `ngx_http_brotli_filter_module.so`; `null` renders gzip only. Passed in (not probed)
   * so rendering stays a pure function of its inputs.
   * @default null
   */
  brotliModule?: string | null;
}

/** Where `nginx:render` writes the self-signed pair when the model has no certificate. */
export const SELF_SIGNED = { certPath: "tls/self-signed.crt", keyPath: "tls/self-signed.key" } as const;

/** Debian's brotli filter module (`libnginx-mod-http-brotli-filter`). */
export const DEBIAN_BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so";

/** The options after defaults: what the builders read beside the model. */
export interface Resolved {
  platform: Platform;
  listen: { http: string; https: string; httpsPort: number };
  plainHttp: "redirect" | "serve";
  servers: Record<string, UpstreamServer[]>;
  certificate: {
    certPath: string;
    keyPath: string;
    /** Only for a real certificate with an issuer chain. */
    stapling: { trustedChainPath: string; resolvers: readonly string[] } | null;
  };
  brotliModule: string | null;
}

export function resolveOptions(platform: Platform, options: RenderOptions = {}): Resolved {
  const lb = platform.loadBalancer;
  const address = options.listen?.address;
  const at = (port: number) => (address ? `${address}:${port}` : String(port));
  const httpsPort = options.listen?.https ?? lb.listen.httpsPort;

  const servers: Record<string, UpstreamServer[]> = {};
  for (const [name, pool] of Object.entries(platform.pools)) {
    const override = options.upstreamOverrides?.[name];
    servers[name] = override
      ? override.map((s) => ({ ...s }))
      : pool.servers.map((s) => ({
          host: s.host,
          port: s.port ?? pool.port,
          ...(s.weight ? { weight: s.weight } : {}),
        }));
  }
  for (const name of Object.keys(options.upstreamOverrides ?? {})) {
    if (!platform.pools[name]) {
      throw new Error(
        `upstreamOverrides.${name}: no such pool; known pools: ${Object.keys(platform.pools).join(", ")}`,
      );
    }
    if (servers[name]!.length === 0) throw new Error(`upstreamOverrides.${name}: needs at least one server`);
  }

  const real = lb.tls.certificate;
  const certificate = options.tls
    ? { ...options.tls, stapling: null }
    : real
      ? {
          certPath: real.certPath,
          keyPath: real.keyPath,
          stapling: real.trustedChainPath
            ? { trustedChainPath: real.trustedChainPath, resolvers: lb.tls.resolvers }
            : null,
        }
      : { ...SELF_SIGNED, stapling: null };

  return {
    platform,
    listen: { http: at(options.listen?.http ?? lb.listen.httpPort), https: at(httpsPort), httpsPort },
    plainHttp: options.plainHttp ?? "redirect",
    servers,
    certificate,
    brotliModule: options.brotliModule ?? null,
  };
}
