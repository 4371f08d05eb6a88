import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What each renderer produced, read back from its real output (never from the model). */
// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON is read structurally, per resource type
type Block = Record<string, any>;
export type TerraformJson = { resource?: Record<string, Record<string, Block>> };

export const resourcesOf = (json: TerraformJson, type: string): Block[] =>
  Object.values(json.resource?.[type] ?? {});

/** Reads every `cdk.tf.json` under a cdktf.out directory, keyed by stack name. */
export function readSynth(outDir: string): Record<string, TerraformJson> {
  const stacksDir = join(outDir, "stacks");
  return Object.fromEntries(
    readdirSync(stacksDir).map((name) => [
      name,
      JSON.parse(readFileSync(join(stacksDir, name, "cdk.tf.json"), "utf8")),
    ]),
  );
}

// ---------- Cloudflare cache rules ----------

export interface CfCacheRule {
  ref: string;
  expression: string;
  cache: boolean;
  edgeTtl: { mode: string; default?: number } | undefined;
  browserTtl: { mode: string; default?: number } | undefined;
  serveStale: { disable_stale_while_updating?: boolean } | undefined;
  ignoredQueryParams: string[];
}

/**
 * The cache rules of the zone's one `http_request_cache_settings` ruleset (in the stack of the zone's owner). With
 * `host`, only the rules scoped to that host (the first `http.host in {...}` of the expression), refs without an environment prefix
 * (`staging_cache_api` → `cache_api`): a zone shared by environments holds every environment's rules.
 */
export function cloudflareCacheRules(json: TerraformJson, host?: string): CfCacheRule[] {
  const ruleset = resourcesOf(json, "cloudflare_ruleset").find(
    (r) => r.phase === "http_request_cache_settings",
  );
  if (!ruleset) throw new Error("no http_request_cache_settings ruleset in the Cloudflare stack");
  const scopedTo = (expression: string) =>
    host === undefined || (/http\.host in \{[^}]*\}/.exec(expression)?.[0] ?? "").includes(`"${host}"`);
  return (ruleset.rules as Block[])
    .filter((rule) => scopedTo(String(rule.expression)))
    .map((rule) => {
      const p = rule.action_parameters ?? {};
      return {
        ref: host === undefined ? String(rule.ref) : String(rule.ref).replace(/^[a-z0-9_]*?_(?=cache_)/, ""),
        expression: String(rule.expression),
        cache: p.cache === true,
        edgeTtl: p.edge_ttl,
        browserTtl: p.browser_ttl,
        serveStale: p.serve_stale,
        ignoredQueryParams: p.cache_key?.custom_key?.query_string?.exclude?.list ?? [],
      };
    });
}

// ---------- ALB listener rules ----------

export interface AlbRoute {
  priority: number;
  /** Path-pattern condition; empty means any path. */
  patterns: string[];
  /** Host-header condition; empty means any host. */
  hosts: string[];
  /** Names (lower-cased) of the rule's http-header conditions: the request must carry each. */
  headers: string[];
  /** `forward:<pool>`, `redirect:<host>` or `fixed-response:<status>`. */
  action: string;
}

/** The pool a target group serves: its name is `<product>-<env>-<pool>`, and pool names may contain "-". */
const poolOfTargetGroup = (json: TerraformJson, ref: string, pools: readonly string[]): string => {
  const key = /aws_lb_target_group\.([^.]+)\.arn/.exec(ref)?.[1];
  const tg = key ? json.resource?.aws_lb_target_group?.[key] : undefined;
  if (!tg) throw new Error(`listener action points at an unknown target group: ${ref}`);
  const name = String(tg.name);
  const pool = [...pools].sort((a, b) => b.length - a.length).find((p) => name.endsWith(`-${p}`));
  return pool ?? name.split("-").at(-1)!;
};

const actionOf = (json: TerraformJson, action: Block, pools: readonly string[]): string =>
  action.type === "forward"
    ? `forward:${poolOfTargetGroup(json, String(action.target_group_arn), pools)}`
    : action.type === "redirect"
      ? `redirect:${action.redirect?.host ?? "#{host}"}`
      : action.type === "fixed-response"
        ? `fixed-response:${action.fixed_response?.status_code}`
        : action.type;

/** HTTPS listener rules in evaluation order, and the listener's default action. */
export function albRouting(
  json: TerraformJson,
  pools: readonly string[],
): { rules: AlbRoute[]; defaultAction: string } {
  const https = resourcesOf(json, "aws_lb_listener").find((l) => l.port === 443);
  if (!https) throw new Error("no HTTPS listener in the AWS edge stack");
  const rules = resourcesOf(json, "aws_lb_listener_rule")
    .map((r) => ({
      priority: Number(r.priority),
      patterns: (r.condition as Block[]).flatMap((c) => c.path_pattern?.values ?? []),
      hosts: (r.condition as Block[]).flatMap((c) => c.host_header?.values ?? []),
      headers: (r.condition as Block[]).flatMap((c) =>
        c.http_header ? [String(c.http_header.http_header_name).toLowerCase()] : [],
      ),
      action: actionOf(json, (r.action as Block[])[0]!, pools),
    }))
    .sort((a, b) => a.priority - b.priority);
  return { rules, defaultAction: actionOf(json, (https.default_action as Block[])[0]!, pools) };
}

// ---------- nginx ----------

export type NginxFiles = Record<string, string>;

export interface NginxLocation {
  modifier: "=" | "^~" | "~" | "~*" | "";
  pattern: string;
  /** Route class from the included `routes/<class>.conf`, `_unmatched` → "default"; undefined for other blocks. */
  className: string | undefined;
}

const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

export function nginxLocations(files: NginxFiles): NginxLocation[] {
  const text = files["nginxconfig/locations.conf"];
  if (!text) throw new Error("nginx render has no nginxconfig/locations.conf");
  const out: NginxLocation[] = [];
  const re = /location\s+(=|\^~|~\*|~)?\s*("[^"]*"|\S+)\s*\{([^}]*)\}/g;
  for (const m of text.matchAll(re)) {
    const route = /routes\/([\w-]+)\.conf/.exec(m[3]!)?.[1];
    out.push({
      modifier: (m[1] ?? "") as NginxLocation["modifier"],
      pattern: unquote(m[2]!),
      className: route === undefined ? undefined : route === "_unmatched" ? "default" : route,
    });
  }
  return out;
}

/** nginx's location selection: exact, longest prefix (stop if ^~), first matching regex, else longest prefix. */
export function nginxSelect(locations: NginxLocation[], path: string): NginxLocation | undefined {
  const exact = locations.find((l) => l.modifier === "=" && l.pattern === path);
  if (exact) return exact;
  const prefixes = locations
    .filter((l) => (l.modifier === "" || l.modifier === "^~") && path.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length);
  const longest = prefixes[0];
  if (longest?.modifier === "^~") return longest;
  const regex = locations.find(
    (l) =>
      (l.modifier === "~" || l.modifier === "~*") &&
      new RegExp(l.pattern, l.modifier === "~*" ? "i" : "").test(path),
  );
  return regex ?? longest;
}

/**
 * `add_header` values of a snippet (later includes resolved by the caller), names lower-cased. `only`: just the
 * lines with (or without) `always`.
 */
export function nginxAddHeaders(text: string, only?: { always: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*add_header\s+(\S+)\s+("(?:[^"\\]|\\.)*"|\S+)(\s+always)?\s*;/gm)) {
    if (only && only.always !== (m[3] !== undefined)) continue;
    headers[m[1]!.toLowerCase()] = unquote(m[2]!);
  }
  return headers;
}

/** The value a `$cache_control_*` map gives when the upstream sent no Cache-Control (its "" entry). */
export function nginxMapFallback(files: NginxFiles, variable: string): string | undefined {
  const maps = files["nginxconfig/maps.conf"] ?? "";
  const block = new RegExp(`map\\s+\\S+\\s+\\${variable}\\s*\\{([^}]*)\\}`).exec(maps)?.[1];
  const line = block ? /^\s*""\s+("(?:[^"\\]|\\.)*"|\S+)\s*;/m.exec(block)?.[1] : undefined;
  return line === undefined ? undefined : unquote(line);
}
