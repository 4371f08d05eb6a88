// The NGINX half of the secret-header origin lockdown (stacks/README.md "Origin lockdown"): a request reaches a
// pool only when `originAuth.headerName` carries an accepted value, and the header never reaches the pool.
// The values are secrets: they are never part of the rendered file map (which the review prints), only of
// `origin-auth.values.conf`, written beside nginx.conf at deploy time.
import { MAX_ORIGIN_AUTH_VALUES, ORIGIN_AUTH_VALUE } from "@edge/platform";
import type { Resolved } from "../options.ts";
import { FILES } from "./names.ts";
import { block, comment, directive, type Entry } from "./serialize.ts";

/** 1 when the request lacks an accepted value, else 0 (`if` treats "0" as false). */
export const ORIGIN_AUTH_REFUSED = "$origin_auth_refused";

/** The body of the 403: short, and says what is missing without naming the header. */
export const ORIGIN_AUTH_REFUSAL = "forbidden: this origin answers requests from the edge only\\n";

/**
 * `$http_<name>` for the model's header. NGINX names a request header's variable by lower-casing it and turning
 * `-` into `_`; a name with other token characters has no variable, and one with `_` is dropped by default
 * (`underscores_in_headers off`), so both would refuse every request: refused here, naming the field.
 */
export function originAuthVariable(headerName: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(headerName)) {
    throw new Error(
      `originAuth.headerName: "${headerName}" — NGINX reads a request header only when its name is letters, digits and "-" (it drops names with "_" by default)`,
    );
  }
  return `$http_${headerName.toLowerCase().replaceAll("-", "_")}`;
}

/** `nginxconfig/origin-auth.conf` (http level): the map from the header to {@link ORIGIN_AUTH_REFUSED}. */
export function originAuthConf(r: Resolved): Entry[] {
  const { headerName } = r.platform.originAuth;
  return [
    comment(
      `Origin lockdown: requests reach a pool only with an accepted ${headerName} (added by the worker).`,
    ),
    comment(
      `The accepted values live in ${FILES.originAuthValues} beside nginx.conf, written at deploy time from a`,
    ),
    comment(
      "secret (never rendered). Without that file nginx does not start; an empty one refuses everything.",
    ),
    comment('Strings in a map match case-insensitively, like the ALB\'s header condition: "1" = refused.'),
    block(
      ["map", originAuthVariable(headerName), ORIGIN_AUTH_REFUSED],
      [directive("default", 1), directive("include", FILES.originAuthValues)],
    ),
  ];
}

/**
 * The check beside every `proxy_pass` (each pool file): a request without an accepted value gets a short 403
 * in the rewrite phase, before the rate limits count it and before any pool is contacted. nginx's own answers
 * that reach no pool (/healthz, the HTTP → HTTPS redirect, the dotfile 403) are exempt: health checkers have no
 * secret, and those answers expose no application.
 */
export function originAuthCheck(): Entry[] {
  return [
    comment(`Origin lockdown (${FILES.originAuth}): only requests from the edge reach the pool.`),
    comment(
      "The refusal is text/plain whatever the path's extension (no types here; proxied responses keep theirs).",
    ),
    block(["types"], []),
    directive("default_type", "text/plain"),
    block(["if", `(${ORIGIN_AUTH_REFUSED})`], [directive("return", 403, ORIGIN_AUTH_REFUSAL)]),
  ];
}

/** Blanks the header on the way upstream: applications never see the secret (a client's copy in any case too). */
export const originAuthStrip = (r: Resolved): Entry[] => [
  comment("Origin lockdown: the secret header never reaches an application."),
  directive("proxy_set_header", r.platform.originAuth.headerName, ""),
];

/**
 * Checks accepted values: at most {@link MAX_ORIGIN_AUTH_VALUES}, distinct, each {@link ORIGIN_AUTH_VALUE}.
 * Errors name the source and position but never echo a value (it is a secret, and logs are not).
 */
export function checkOriginAuthValues(values: readonly string[], source = "originAuth values"): void {
  if (values.length > MAX_ORIGIN_AUTH_VALUES) {
    throw new Error(
      `${source}: ${values.length} values — at most ${MAX_ORIGIN_AUTH_VALUES} (the current one and, during a rotation, the next)`,
    );
  }
  values.forEach((value, i) => {
    if (!ORIGIN_AUTH_VALUE.test(value)) {
      const why = /[*?]/.test(value)
        ? "contains a wildcard (* or ?)"
        : /[A-F]/.test(value)
          ? "has upper-case letters"
          : `is ${value.length} characters`;
      throw new Error(
        `${source}[${i}]: must be 64 lower-case hex characters (openssl rand -hex 32); this one ${why}`,
      );
    }
    if (values.indexOf(value) !== i)
      throw new Error(`${source}[${i}]: the same value as [${values.indexOf(value)}]`);
  });
}

/**
 * The text of `origin-auth.values.conf` (entries of the {@link originAuthConf} map). No values: a file that
 * refuses every request to a pool (fail closed).
 */
export function originAuthValuesFile(values: readonly string[], source?: string): string {
  checkOriginAuthValues(values, source);
  const head = [
    "# Accepted origin-auth values (see nginxconfig/origin-auth.conf). SECRET: written at deploy time, never committed.",
  ];
  if (values.length === 0) {
    return `${[...head, "# No accepted value: every request to a pool is refused with 403 (fail closed)."].join("\n")}\n`;
  }
  return `${[...head, ...values.map((value) => `${value} 0;`)].join("\n")}\n`;
}

/** `ORIGIN_AUTH_VALUES` (comma-separated): the accepted values, checked. Empty is an error, not "accept none". */
export function parseOriginAuthValues(text: string, source = "ORIGIN_AUTH_VALUES"): string[] {
  const values = text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length === 0) {
    throw new Error(
      `${source} is set but empty: give 1 or 2 comma-separated values (openssl rand -hex 32), or unset it`,
    );
  }
  checkOriginAuthValues(values, source);
  return values;
}
