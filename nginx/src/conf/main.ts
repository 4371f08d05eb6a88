import type { Resolved } from "../options.ts";
import { FILES } from "./names.ts";
import { blank, block, comment, directive, type Entry } from "./serialize.ts";

const TEMP_PATHS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] as const;

/** `nginx.conf`: process settings, then `http {}` made of includes. Every writable path is under the prefix. */
export function mainConf(r: Resolved): Entry[] {
  const lb = r.platform.loadBalancer;
  return [
    ...(r.brotliModule
      ? [
          comment(
            "Brotli (Debian libnginx-mod-http-brotli-filter); without it the renderer emits gzip only.",
          ),
          directive("load_module", r.brotliModule),
          blank,
        ]
      : []),
    directive("worker_processes", lb.workerProcesses),
    directive("worker_rlimit_nofile", lb.workerConnections * 2),
    directive("pid", "logs/nginx.pid"),
    directive("lock_file", "logs/nginx.lock"),
    directive("error_log", "logs/error.log", "warn"),
    directive("pcre_jit", "on"),
    blank,
    block(
      ["events"],
      [directive("worker_connections", lb.workerConnections), directive("multi_accept", "on")],
    ),
    blank,
    block(
      ["http"],
      [
        directive("charset", "utf-8"),
        directive("sendfile", "on"),
        directive("tcp_nopush", "on"),
        directive("tcp_nodelay", "on"),
        directive("server_tokens", "off"),
        directive("types_hash_max_size", 2048),
        comment(
          "Holds the 64-character origin-auth values (the default bucket, 64 bytes, does not); before any map.",
        ),
        directive("map_hash_bucket_size", 128),
        directive("include", FILES.mime),
        directive("default_type", "application/octet-stream"),
        blank,
        comment("Temp files stay under the prefix (nothing touches /var)."),
        ...TEMP_PATHS.map((t) => directive(`${t}_temp_path`, `temp/${t}`)),
        blank,
        ...[
          FILES.logging,
          FILES.limits,
          FILES.realIp,
          FILES.tls,
          FILES.compression,
          FILES.maps,
          FILES.originAuth,
          FILES.upstreams,
          FILES.site,
        ].map((f) => directive("include", f)),
      ],
    ),
  ];
}

/** A compact `types {}` for the few responses nginx writes itself (everything else comes from upstreams). */
export function mimeTypes(): Entry[] {
  const types: [string, string[]][] = [
    ["text/html", ["html", "htm"]],
    ["text/css", ["css"]],
    ["text/plain", ["txt"]],
    ["text/xml", ["xml"]],
    ["application/javascript", ["js", "mjs"]],
    ["application/json", ["json", "map"]],
    ["application/manifest+json", ["webmanifest"]],
    ["image/svg+xml", ["svg", "svgz"]],
    ["image/png", ["png"]],
    ["image/jpeg", ["jpeg", "jpg"]],
    ["image/gif", ["gif"]],
    ["image/webp", ["webp"]],
    ["image/avif", ["avif"]],
    ["image/x-icon", ["ico"]],
    ["font/woff", ["woff"]],
    ["font/woff2", ["woff2"]],
  ];
  return [
    block(
      ["types"],
      types.map(([type, exts]) => directive(type, ...exts)),
    ),
  ];
}
