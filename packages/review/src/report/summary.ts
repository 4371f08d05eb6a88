// The review's first screen: risky changes, then per environment the effective caching policy per route class,
// its domains and worker script, pool sizes and alarms, before → after. Pure.
import {
  type ClassPolicy,
  type EnvironmentSummary,
  summarize,
  type Ttl,
  unavailableParts,
} from "../summary/effective.ts";
import { findRisks } from "../summary/risks.ts";
import type { ReviewData } from "../types.ts";
import { cell, code, details, plural, table } from "./markdown.ts";

const fmt = (ttl: Ttl | string): string => (ttl === undefined ? "—" : String(ttl));

/** `v` when unchanged, `**a → b**` when changed, `**b** (new)` without a base. */
function change(before: string | undefined, after: string): string {
  if (before === undefined || before === after) return after;
  return `**${before} → ${after}**`;
}

const browserCell = (c: ClassPolicy): string =>
  c.cloudflareBrowser === undefined || c.cloudflareBrowser === "origin" || c.cloudflareBrowser === c.browser
    ? fmt(c.browser)
    : `${fmt(c.browser)} (Cloudflare ${fmt(c.cloudflareBrowser)})`;

const COLUMNS: [string, (c: ClassPolicy) => string][] = [
  ["Edge TTL: Cloudflare", (c) => fmt(c.cloudflareEdge)],
  ["worker", (c) => fmt(c.workerEdge)],
  ["NGINX", (c) => fmt(c.nginxEdge)],
  ["Browser TTL", browserCell],
  ["SWR", (c) => fmt(c.swr)],
  ["Stale-if-error", (c) => fmt(c.staleIfError)],
  ["Pool", (c) => fmt(c.pool)],
  ["ALB action", (c) => fmt(c.albAction)],
];

function policyTable(before: EnvironmentSummary | undefined, after: EnvironmentSummary): string {
  const names = [...new Set([...Object.keys(before?.classes ?? {}), ...Object.keys(after.classes)])].sort();
  const rows = names.map((name) => {
    const a = before?.classes[name];
    const b = after.classes[name];
    const label = !b ? `~~${name}~~ (removed)` : before && !a ? `**${name}** (new)` : name;
    return [
      label,
      ...COLUMNS.map(([, read]) => cell(b ? change(a && read(a), read(b)) : `~~${a ? read(a) : ""}~~`)),
    ];
  });
  return table(["Route class", ...COLUMNS.map(([title]) => title)], rows);
}

function routesLine(before: EnvironmentSummary | undefined, after: EnvironmentSummary): string {
  const patterns = [...new Set([...Object.keys(before?.routes ?? {}), ...Object.keys(after.routes)])].sort();
  const parts = patterns.map((p) => {
    const a = before?.routes[p];
    const b = after.routes[p];
    if (b === undefined) return `~~${code(p)} → ${code(a ?? "")}~~ (removed)`;
    return `${code(p)} → ${before && a !== b ? `**${a === undefined ? "new" : code(a)} → ${code(b)}**` : code(b)}`;
  });
  const script = after.workerScript ? `; the build deploys ${code(after.workerScript)}` : "";
  return `Worker routes: ${parts.join(", ") || "none"}${script}.`;
}

function poolsLine(before: EnvironmentSummary | undefined, after: EnvironmentSummary): string {
  const pools = [...new Set([...Object.keys(before?.pools ?? {}), ...Object.keys(after.pools)])].sort();
  const size = (s: { min: number; desired: number; max: number } | undefined) =>
    s ? `${s.min}/${s.desired}/${s.max}` : undefined;
  const parts = pools.map((p) => {
    const a = size(before?.pools[p]);
    const b = size(after.pools[p]);
    if (b === undefined) return `~~${code(p)} ${a}~~`;
    return `${code(p)} ${before && a === undefined ? `**${b}** (new)` : change(a, b)}`;
  });
  return `Pools (min/desired/max): ${parts.join(", ") || "none"}.`;
}

function alarmsBlock(before: EnvironmentSummary | undefined, after: EnvironmentSummary): string {
  const names = [...new Set([...Object.keys(before?.alarms ?? {}), ...Object.keys(after.alarms)])].sort();
  if (names.length === 0) return "Alarms: none.";
  const changed = names.filter((n) => before?.alarms[n] !== after.alarms[n]);
  if (before && changed.length === 0) return `Alarms: ${plural(names.length, "alarm")}, none changed.`;
  const lines = (before ? changed : names).map((n) => {
    const a = before?.alarms[n];
    const b = after.alarms[n];
    return b === undefined ? `- ~~${code(n)}~~ removed` : `- ${code(n)}: ${a && before ? `${a} → ` : ""}${b}`;
  });
  const title = before
    ? `Alarms: ${changed.length} of ${plural(names.length, "alarm")} changed`
    : `Alarms: ${plural(names.length, "alarm")}`;
  return details(title, lines.join("\n"));
}

function envChanged(a: EnvironmentSummary, b: EnvironmentSummary): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

export function renderSummary(data: ReviewData): { body: string; risks: string[]; assessed: boolean } {
  const base = summarize(data.base);
  const head = summarize(data.head);
  const missing = { base: unavailableParts(data.base), head: unavailableParts(data.head) };
  // Without both sides complete, "not rendered" would read as "removed": compare only what both sides have.
  const complete = missing.base.length === 0 && missing.head.length === 0;
  const risks = complete ? findRisks(base, head) : [];
  const out: string[] = [];
  for (const side of ["head", "base"] as const) {
    if (missing[side].length > 0)
      out.push(
        `**Incomplete at ${side}** — ${missing[side].map((m) => cell(m)).join("; ")}. Values from ${side === "head" ? "it" : "there"} show as —; risks are not assessed.`,
      );
  }
  if (complete)
    out.push(
      risks.length > 0
        ? `### ⚠️ Risky changes\n\n${risks.map((r) => `- ${r}`).join("\n")}`
        : "No risky change found (worker routes crossing environments, TTLs raised more than 10×, security headers removed, production pool minimums lowered).",
    );
  const envs = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  for (const env of envs) {
    const before = base[env];
    const after = head[env];
    if (!after) {
      out.push(`### ${code(env)} (environment removed)`);
      continue;
    }
    const parts = [
      policyTable(before, after),
      routesLine(before, after),
      poolsLine(before, after),
      alarmsBlock(before, after),
    ];
    if (!before) out.push(`### ${code(env)} (new environment)\n\n${parts.join("\n\n")}`);
    else if (!envChanged(before, after))
      out.push(
        `### ${code(env)}\n\n${details("No change to caching, routes, pools or alarms", parts.join("\n\n"))}`,
      );
    else out.push(`### ${code(env)}\n\n${parts.join("\n\n")}`);
  }
  if (envs.length === 0)
    out.push("No environment could be summarized (no synth, NGINX or worker policy on either side).");
  return { body: out.join("\n\n"), risks, assessed: complete };
}
