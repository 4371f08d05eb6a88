import type { Resolved } from "../options.ts";
import { FILES } from "./names.ts";
import { defaultProfile, routeLocations } from "./routes.ts";
import { blank, block, comment, directive, type Entry } from "./serialize.ts";

const healthz = () =>
  block(
    ["location", "=", "/healthz"],
    [
      directive("access_log", "off"),
      directive("default_type", "text/plain"),
      directive("return", 200, "ok\\n"),
    ],
  );

/** The HTTP server (health + redirect) and the HTTPS server with one location per route-class matcher. */
export function siteConf(r: Resolved): Entry[] {
  const p = r.platform;
  const host = new URL(p.origin.url).hostname;
  const profile = defaultProfile(p.routeClasses, Object.keys(p.securityHeaders.csp)[0]!);
  const httpsSuffix = r.listen.httpsPort === 443 ? "" : `:${r.listen.httpsPort}`;
  return [
    comment("HTTP: health checks, everything else moves to HTTPS."),
    block(
      ["server"],
      [
        directive("listen", r.listen.http, "default_server"),
        directive("server_name", host, "_"),
        blank,
        healthz(),
        block(["location", "/"], [directive("return", 301, `https://$host${httpsSuffix}$request_uri`)]),
      ],
    ),
    blank,
    comment("HTTPS + HTTP/2: the load balancer."),
    block(
      ["server"],
      [
        directive("listen", r.listen.https, "ssl", "http2", "default_server"),
        directive("server_name", host, "_"),
        blank,
        comment("nginx's own responses (errors outside routes, /healthz)."),
        directive("include", FILES.security(profile)),
        blank,
        healthz(),
        comment("Dotfiles never reach a pool, except /.well-known/."),
        block(["location", "~", "/\\.(?!well-known/)"], [directive("deny", "all")]),
        blank,
        comment("Route classes: exact, then prefixes (^~, longest first), then regexes in precedence order."),
        ...routeLocations(r),
      ],
    ),
  ];
}
