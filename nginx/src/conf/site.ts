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
      comment(
        "Never cached by the edge (Cache-Control: no-cache); `expires` keeps the server's security headers.",
      ),
      directive("expires", "epoch"),
      directive("return", 200, "ok\\n"),
    ],
  );

/** /healthz, the dotfile guard and one location per route-class matcher: the HTTPS server's routes. */
export function locationsConf(r: Resolved): Entry[] {
  return [
    healthz(),
    comment("Dotfiles never reach a pool, except /.well-known/."),
    block(["location", "~", "/\\.(?!well-known/)"], [directive("deny", "all")]),
    blank,
    comment("Route classes: exact, then prefixes (^~, longest first), then regexes in precedence order."),
    ...routeLocations(r),
  ];
}

/** The HTTP server (health + redirect) and the HTTPS server. */
export function siteConf(r: Resolved): Entry[] {
  const p = r.platform;
  const host = new URL(p.origin.url).hostname;
  const profile = defaultProfile(p.routeClasses, Object.keys(p.securityHeaders.csp)[0]!);
  const httpsSuffix = r.listen.httpsPort === 443 ? "" : `:${r.listen.httpsPort}`;
  return [
    comment(
      r.plainHttp === "serve"
        ? "HTTP: serves the same routes (render option plainHttp: serve)."
        : "HTTP: health checks, everything else moves to HTTPS.",
    ),
    block(
      ["server"],
      [
        directive("listen", r.listen.http, "default_server"),
        directive("server_name", host, "_"),
        blank,
        ...(r.plainHttp === "serve"
          ? [directive("include", FILES.security(profile)), directive("include", FILES.locations)]
          : [
              healthz(),
              block(["location", "/"], [directive("return", 301, `https://$host${httpsSuffix}$request_uri`)]),
            ]),
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
        directive("include", FILES.locations),
      ],
    ),
  ];
}
