/** File names of the rendered tree, shared by the builders that include each other. */
export const FILES = {
  main: "nginx.conf",
  mime: "mime.types",
  logging: "nginxconfig/logging.conf",
  limits: "nginxconfig/limits.conf",
  realIp: "nginxconfig/real-ip.conf",
  tls: "nginxconfig/tls.conf",
  compression: "nginxconfig/compression.conf",
  maps: "nginxconfig/maps.conf",
  upstreams: "nginxconfig/upstreams.conf",
  proxy: "nginxconfig/proxy.conf",
  proxyWebsocket: "nginxconfig/proxy-websocket.conf",
  site: "sites/load-balancer.conf",
  locations: "nginxconfig/locations.conf",
  originAuth: "nginxconfig/origin-auth.conf",
  /**
   * The accepted origin-auth values. NOT rendered (never in the file map, the review or the repository): written
   * beside nginx.conf at deploy time (`writeOriginAuthValues`, `ORIGIN_AUTH_VALUES` for `nginx:render`).
   */
  originAuthValues: "origin-auth.values.conf",
  pool: (name: string) => `nginxconfig/pools/${name}.conf`,
  security: (profile: string) => `nginxconfig/security/${profile}.conf`,
  route: (className: string) => `nginxconfig/routes/${className}.conf`,
} as const;

/** Unmatched paths use this route file (the shared precedence's last step: `location /` → defaultPool). */
export const DEFAULT_ROUTE = "_unmatched";

/** nginx variable names allow letters, digits and `_` only; pool and class keys may contain `-`. */
export const varName = (key: string) => key.replaceAll("-", "_");

/** Directories the config writes into (relative to the prefix); the tree writer creates them. */
export const WRITABLE_DIRS = ["logs", "temp"] as const;
