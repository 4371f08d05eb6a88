// Changes a reviewer must not miss, found by comparing the effective summaries of base and head. Pure.
import type { EnvironmentSummary, Ttl } from "./effective.ts";

/** The environment whose pool minimums protect real traffic. */
export const PRODUCTION = "production";
/** A TTL raised more than this many times is flagged. */
export const TTL_RAISE_FACTOR = 10;

const TTL_COLUMNS = [
  ["cloudflareEdge", "edge TTL at Cloudflare"],
  ["workerEdge", "edge TTL in the worker"],
  ["nginxEdge", "edge TTL in NGINX"],
  ["browser", "browser TTL"],
  ["cloudflareBrowser", "browser TTL set by Cloudflare"],
] as const;

export function findRisks(
  base: Record<string, EnvironmentSummary>,
  head: Record<string, EnvironmentSummary>,
): string[] {
  const risks: string[] = [];

  // 1. A route of one environment sends traffic to another environment's worker (new with this change).
  // Only what this change introduces: an environment that shared a script before is not news, a new one is.
  const already = new Set(workerRisks(base));
  const changedEnvs = Object.keys(head).filter(
    (env) =>
      JSON.stringify(base[env]?.routes) !== JSON.stringify(head[env]?.routes) ||
      base[env]?.workerScript !== head[env]?.workerScript,
  );
  risks.push(
    ...workerRisks(head).filter(
      (line) => !already.has(line) && changedEnvs.some((env) => line.startsWith(`\`${env}\``)),
    ),
  );

  for (const [env, after] of Object.entries(head)) {
    const before = base[env];
    if (!before) continue;
    // 2. A TTL raised more than tenfold (a mistake here caches stale or personal content for long).
    for (const [name, rc] of Object.entries(after.classes)) {
      const old = before.classes[name];
      if (!old) continue;
      for (const [key, label] of TTL_COLUMNS) {
        const [a, b] = [seconds(old[key]), seconds(rc[key])];
        if (a !== undefined && b !== undefined && a > 0 && b > a * TTL_RAISE_FACTOR) {
          risks.push(`\`${env}\` \`${name}\`: ${label} raised ${Math.round(b / a)}× (${a} s → ${b} s)`);
        }
      }
    }
    // 3. A security header removed.
    for (const [profile, names] of Object.entries(before.securityHeaders)) {
      const now = new Set(after.securityHeaders[profile] ?? []);
      const gone = names.filter((h) => !now.has(h));
      if (gone.length > 0)
        risks.push(
          `\`${env}\`: security header${gone.length > 1 ? "s" : ""} ${gone.map((h) => `\`${h}\``).join(", ")} removed from the \`${profile}\` profile`,
        );
    }
    // 4. A pool minimum lowered in production.
    if (env === PRODUCTION) {
      for (const [pool, size] of Object.entries(after.pools)) {
        const old = before.pools[pool];
        if (old && size.min < old.min)
          risks.push(`\`${env}\` pool \`${pool}\`: minimum lowered ${old.min} → ${size.min}`);
      }
      for (const pool of Object.keys(before.pools).filter((p) => !(p in after.pools)))
        risks.push(`\`${env}\` pool \`${pool}\` removed`);
    }
  }
  return risks;
}

/**
 * Routes to a worker script another environment deploys, and environments deploying one script (the second
 * deploy would replace the first's worker). Lines name the environment that routes or deploys it.
 */
function workerRisks(envs: Record<string, EnvironmentSummary>): string[] {
  const lines: string[] = [];
  for (const [env, s] of Object.entries(envs)) {
    const others = (script: string) =>
      Object.entries(envs)
        .filter(([other, o]) => other !== env && o.workerScript === script)
        .map(([other]) => `\`${other}\``);
    if (s.workerScript && others(s.workerScript).length > 0) {
      const routes = Object.keys(s.routes).map((p) => `\`${p}\``);
      lines.push(
        `\`${env}\` deploys and routes ${routes.join(", ") || "nothing"} to \`${s.workerScript}\`, also the worker of ${others(s.workerScript).join(", ")} — give ${env} its own edge.scriptName`,
      );
    }
    for (const [pattern, script] of Object.entries(s.routes)) {
      if (script === s.workerScript) continue;
      const owners = others(script);
      if (owners.length > 0)
        lines.push(
          `\`${env}\`: route \`${pattern}\` goes to \`${script}\`, the worker of ${owners.join(", ")}`,
        );
    }
  }
  return lines;
}

const seconds = (ttl: Ttl): number | undefined => (typeof ttl === "number" ? ttl : undefined);
