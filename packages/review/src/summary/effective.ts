// The effective behaviour of one tree per environment, read back from its artefacts (synth JSON, rendered NGINX,
// the worker's compiled policy) — what the first screen of the review compares. Pure.
import type { TerraformJson } from "../diff/stacks.ts";
import type { NginxFiles, SideResult } from "../types.ts";

/** A TTL as a layer applies it: seconds, "origin" (the origin's Cache-Control decides) or "bypass". */
export type Ttl = number | "origin" | "bypass" | undefined;

export interface ClassPolicy {
  cloudflareEdge: Ttl;
  /** What Cloudflare tells browsers (`origin`: passes the origin's Cache-Control on). */
  cloudflareBrowser: Ttl;
  workerEdge: Ttl;
  nginxEdge: Ttl;
  /** The browser TTL the origin chain sends (worker and NGINX send the same Cache-Control). */
  browser: Ttl;
  swr: Ttl;
  staleIfError: Ttl;
  pool: string | undefined;
  albAction: string | undefined;
}

export interface EnvironmentSummary {
  /** `pattern → script` of every Cloudflare worker route. */
  routes: Record<string, string>;
  /** The worker script this environment's build deploys (`edge.scriptName`). */
  workerScript: string | undefined;
  classes: Record<string, ClassPolicy>;
  /** Auto Scaling group sizes per pool: `min / desired / max`. */
  pools: Record<string, { min: number; desired: number; max: number }>;
  /** CloudWatch alarm name → `metric op threshold for N periods`. */
  alarms: Record<string, string>;
  /** Security header names per NGINX profile snippet (`security/<profile>.conf`). */
  securityHeaders: Record<string, string[]>;
}

type Block = Record<string, unknown>;
const LAYERS = ["cloudflare-edge", "aws-edge", "aws-compute"] as const;

const resources = (json: TerraformJson | undefined, type: string): [string, Block][] => {
  const byType = (json?.resource as Record<string, Record<string, Block>> | undefined)?.[type];
  return Object.entries(byType ?? {});
};

/** Every environment the tree rendered anything for. */
export function environmentsOf(side: SideResult): string[] {
  const names = new Set<string>();
  if (side.stacks.status === "ok") {
    for (const stack of Object.keys(side.stacks.value)) {
      const layer = LAYERS.find((l) => stack.endsWith(`-${l}`));
      if (layer) names.add(stack.slice(0, -layer.length - 1));
    }
  }
  if (side.nginx.status === "ok") for (const env of Object.keys(side.nginx.value)) names.add(env);
  if (side.workerPolicy?.status === "ok")
    for (const env of Object.keys(side.workerPolicy.value)) names.add(env);
  return [...names].sort();
}

export function summarize(side: SideResult): Record<string, EnvironmentSummary> {
  return Object.fromEntries(environmentsOf(side).map((env) => [env, summarizeEnvironment(side, env)]));
}

/** The artefacts of a side the summary could not read, with why (a failed synth, a failed worker build…). */
export function unavailableParts(side: SideResult): string[] {
  const parts: string[] = [];
  const why = (s: { status: string; reason?: string; error?: string }) =>
    s.status === "failed" ? `failed: ${s.error}` : `missing: ${s.reason}`;
  if (side.stacks.status !== "ok")
    parts.push(`stacks (Cloudflare TTLs, routes, pools, alarms) ${why(side.stacks)}`);
  if (!side.workerPolicy) parts.push("the worker's policy (not collected)");
  else if (side.workerPolicy.status !== "ok")
    parts.push(`the worker's policy (worker TTLs, pools, ALB actions) ${why(side.workerPolicy)}`);
  if (side.nginx.status !== "ok") parts.push(`NGINX ${why(side.nginx)}`);
  return parts;
}

function summarizeEnvironment(side: SideResult, env: string): EnvironmentSummary {
  const stack = (layer: string) =>
    side.stacks.status === "ok" ? side.stacks.value[`${env}-${layer}`] : undefined;
  const worker = side.workerPolicy?.status === "ok" ? side.workerPolicy.value[env] : undefined;
  const nginxSection = side.nginx.status === "ok" ? side.nginx.value[env] : undefined;
  const nginx = nginxSection?.status === "ok" ? nginxSection.value : undefined;
  const cloudflare = cloudflareCacheRules(stack("cloudflare-edge"));

  const classNames = new Set([
    ...Object.keys(worker?.routeClasses ?? {}),
    ...Object.keys(cloudflare),
    ...Object.keys(nginx ?? {}).flatMap((f) => /^nginxconfig\/routes\/([\w-]+)\.conf$/.exec(f)?.[1] ?? []),
  ]);
  classNames.delete("_unmatched");
  const classes: Record<string, ClassPolicy> = {};
  for (const name of [...classNames].sort()) {
    const rc = worker?.routeClasses?.[name];
    const c = rc?.cache;
    const cf = cloudflare[name];
    const cc = nginx ? nginxCacheControl(nginx, name) : undefined;
    classes[name] = {
      cloudflareEdge: cf?.edge,
      cloudflareBrowser: cf?.browser,
      workerEdge: c ? (c.mode === "bypass" ? "bypass" : c.edgeTtlSeconds) : undefined,
      nginxEdge: cc?.edge,
      browser: c ? (c.mode === "bypass" ? "bypass" : c.browserTtlSeconds) : cc?.browser,
      swr: c ? (c.mode === "bypass" ? "bypass" : c.staleWhileRevalidateSeconds) : cc?.swr,
      staleIfError: c ? (c.mode === "bypass" ? "bypass" : c.staleIfErrorSeconds) : cc?.sie,
      pool: rc?.pool,
      albAction: rc?.albAction,
    };
  }

  const routes: Record<string, string> = {};
  for (const [, r] of resources(stack("cloudflare-edge"), "cloudflare_workers_route"))
    routes[String(r.pattern)] = String(r.script);

  const pools: EnvironmentSummary["pools"] = {};
  for (const [, g] of resources(stack("aws-compute"), "aws_autoscaling_group")) {
    const name = String(g.name ?? "");
    const pool = name.includes(`-${env}-`) ? name.slice(name.indexOf(`-${env}-`) + env.length + 2) : name;
    pools[pool] = { min: Number(g.min_size), desired: Number(g.desired_capacity), max: Number(g.max_size) };
  }

  const alarms: Record<string, string> = {};
  for (const layer of LAYERS) {
    for (const [id, a] of resources(stack(layer), "aws_cloudwatch_metric_alarm")) {
      const op = String(a.comparison_operator ?? "")
        .replace("GreaterThanOrEqualToThreshold", "≥")
        .replace("LessThanOrEqualToThreshold", "≤")
        .replace("GreaterThanThreshold", ">")
        .replace("LessThanThreshold", "<");
      const metric = a.metric_name ?? a.extended_statistic ?? "expression";
      alarms[String(a.alarm_name ?? id)] =
        `${metric} ${op} ${a.threshold} for ${a.evaluation_periods} × ${a.period ?? 60} s`;
    }
  }

  const securityHeaders: Record<string, string[]> = {};
  for (const [file, text] of Object.entries(nginx ?? {})) {
    const profile = /^nginxconfig\/security\/([\w-]+)\.conf$/.exec(file)?.[1];
    if (profile) securityHeaders[profile] = [...text.matchAll(/^\s*add_header\s+(\S+)/gm)].map((m) => m[1]!);
  }

  return { routes, workerScript: worker?.edge?.scriptName, classes, pools, alarms, securityHeaders };
}

/** Cloudflare's cache rules by class (`cache_<class>`), read as effective TTLs. */
function cloudflareCacheRules(json: TerraformJson | undefined): Record<string, { edge: Ttl; browser: Ttl }> {
  const out: Record<string, { edge: Ttl; browser: Ttl }> = {};
  const ruleset = resources(json, "cloudflare_ruleset").find(
    ([, r]) => r.phase === "http_request_cache_settings",
  );
  for (const rule of (ruleset?.[1].rules as Block[] | undefined) ?? []) {
    const ref = String(rule.ref ?? "");
    if (!ref.startsWith("cache_") || ref.endsWith("_bypass")) continue;
    const p = (rule.action_parameters ?? {}) as Record<string, { mode?: string; default?: number } | boolean>;
    const ttl = (v: unknown): Ttl => {
      const t = v as { mode?: string; default?: number } | undefined;
      if (!t || t.mode === "respect_origin" || t.mode === "bypass_by_default") return "origin";
      if (t.mode === "bypass") return 0;
      return t.default;
    };
    out[ref.slice("cache_".length)] =
      p.cache === false
        ? { edge: "bypass", browser: "bypass" }
        : { edge: ttl(p.edge_ttl), browser: ttl(p.browser_ttl) };
  }
  return out;
}

/** The Cache-Control a class's NGINX location sends (a `$map` resolved to its no-upstream-header value). */
function nginxCacheControl(
  files: NginxFiles,
  name: string,
): { edge: Ttl; browser: Ttl; swr: Ttl; sie: Ttl } | undefined {
  const route = files[`nginxconfig/routes/${name}.conf`];
  if (!route) return undefined;
  let value = /add_header\s+Cache-Control\s+("(?:[^"\\]|\\.)*"|[^\s;]+)/i.exec(route)?.[1];
  if (value?.startsWith('"')) value = value.slice(1, -1);
  if (value?.startsWith("$")) {
    const map = new RegExp(`map\\s+\\S+\\s+\\${value}\\s*\\{([^}]*)\\}`).exec(
      files["nginxconfig/maps.conf"] ?? "",
    )?.[1];
    value = map ? /^\s*""\s+"?([^";]*)"?\s*;/m.exec(map)?.[1] : undefined;
  }
  if (value === undefined) return undefined;
  if (/no-store/.test(value)) return { edge: "bypass", browser: "bypass", swr: "bypass", sie: "bypass" };
  const num = (d: string) => {
    const m = new RegExp(`(?:^|[ ,])${d}=(\\d+)`).exec(value!);
    return m ? Number(m[1]) : undefined;
  };
  const browser = num("max-age");
  return {
    edge: num("s-maxage") ?? browser,
    browser,
    swr: num("stale-while-revalidate") ?? 0,
    sie: num("stale-if-error") ?? 0,
  };
}
