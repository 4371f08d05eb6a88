import { SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE, SECONDS_PER_YEAR } from "./defaults/units.ts";
import { cacheControlFor } from "./headers/index.ts";
import type { Platform } from "./resolve.ts";
import type { PathMatcher } from "./schema/routes.ts";

const duration = (s: number): string => {
  if (s === 0) return "0";
  if (s % SECONDS_PER_YEAR === 0) return `${s / SECONDS_PER_YEAR}y`;
  if (s % SECONDS_PER_DAY === 0) return `${s / SECONDS_PER_DAY}d`;
  if (s % SECONDS_PER_HOUR === 0) return `${s / SECONDS_PER_HOUR}h`;
  if (s % SECONDS_PER_MINUTE === 0) return `${s / SECONDS_PER_MINUTE}m`;
  return `${s}s`;
};

const matcherText = (m: PathMatcher): string => {
  if ("prefix" in m) return `${m.prefix}*`;
  if ("exact" in m) return m.exact;
  if ("extensions" in m) return `*.{${m.extensions.join(",")}}`;
  if ("fingerprinted" in m) return `*.<hash>.{${m.fingerprinted.join(",")}}`;
  return "pages without extension";
};

const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
  return rows.map(
    (r) =>
      `  ${r
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join("  ")
        .trimEnd()}`,
  );
};

/** A one-screen, plain-text summary of a resolved environment, for people who have not read the code. */
export function summarize(p: Platform): string {
  const out: string[] = [];
  out.push(`Environment ${p.environment} — ${p.name} on ${p.zone.domain} (AWS ${p.aws.region})`);
  out.push(
    `  Edge: TLS ≥ ${p.zone.minTlsVersion}${p.zone.tls13 ? ", TLS 1.3" : ""}${p.zone.http3 ? ", HTTP/3" : ""}, ` +
      `SSL ${p.zone.sslMode}, worker "${p.edge.scriptName}" → origin ${p.origin.url} (timeout ${p.edge.originTimeoutMs} ms)`,
  );
  out.push("", "Route classes (first match wins: exact, prefix, fingerprinted, extension, page):");
  out.push(
    ...table([
      ["class", "paths", "pool", "edge", "browser", "swr", "sie", "Cache-Control"],
      ...Object.entries(p.routeClasses).map(([name, rc]) => [
        name,
        rc.match.map(matcherText).join(" "),
        rc.pool,
        rc.cache.mode === "bypass" ? "bypass" : duration(rc.cache.edgeTtlSeconds),
        duration(rc.cache.browserTtlSeconds),
        duration(rc.cache.staleWhileRevalidateSeconds),
        duration(rc.cache.staleIfErrorSeconds),
        cacheControlFor(rc.cache),
      ]),
    ]),
  );
  out.push(
    `  Cache key drops ${p.cacheKey.ignoredQueryParams.length} tracking parameters (${p.cacheKey.ignoredQueryParams.slice(0, 4).join(", ")}, …).`,
  );
  out.push("", "Pools:");
  out.push(
    ...table([
      ["pool", "port", "health check", "stickiness", "dereg", "instances", "size", "on-demand"],
      ...Object.entries(p.pools).map(([name, pool]) => {
        const hc = pool.healthCheck;
        const st = pool.stickiness;
        const s = pool.scaling;
        return [
          name,
          String(pool.port),
          `${hc.path} every ${hc.intervalSeconds}s, ${hc.healthyThreshold}/${hc.unhealthyThreshold}`,
          st.type === "none" ? "none" : `${st.type} ${duration(st.durationSeconds)}`,
          `${pool.deregistrationDelaySeconds}s`,
          s.instanceTypes.join(","),
          `${s.minSize}-${s.maxSize} (${s.desiredCapacity})`,
          `${s.onDemandBaseCapacity} + ${s.onDemandPercentageAboveBase}% (spot ${100 - s.onDemandPercentageAboveBase}%)`,
        ];
      }),
    ]),
  );
  const web = Object.values(p.pools)[0]!.scaling;
  out.push(
    `  Scaling: CPU > ${web.cpu.scaleOut.threshold}% ${web.cpu.scaleOut.forMinutes}m → +${web.cpu.scaleOut.adjustment}, ` +
      `< ${web.cpu.scaleIn.threshold}% ${web.cpu.scaleIn.forMinutes}m → ${web.cpu.scaleIn.adjustment}; ` +
      `memory > ${web.memory.scaleOut.threshold}% ${web.memory.scaleOut.forMinutes}m → +${web.memory.scaleOut.adjustment}, ` +
      `< ${web.memory.scaleIn.threshold}% ${web.memory.scaleIn.forMinutes}m → ${web.memory.scaleIn.adjustment}`,
  );
  if (web.schedule) {
    out.push(
      `  Schedule: +${web.schedule.extraInstances} at "${web.schedule.scaleUpCron}", back at "${web.schedule.scaleDownCron}" (${web.schedule.timeZone})`,
    );
  }
  if (web.predictive) {
    out.push(
      `  Predictive: ${web.predictive.mode}, CPU target ${web.predictive.targetCpuPercent}%, buffer ${web.predictive.schedulingBufferSeconds}s`,
    );
  }
  const rl = p.rateLimits;
  out.push("", "Protection:");
  out.push(
    `  Rate limit: ${rl.waf.requestsPerMinute}/min per IP at the WAF; ${rl.loadBalancer.requestsPerSecond}/s (burst ${rl.loadBalancer.burst}) and ${rl.loadBalancer.connectionsPerIp} connections per IP at NGINX`,
  );
  out.push(
    `  WAF: ${Object.keys(p.waf.managedRuleGroups).join(", ")}; ${p.waf.ipBlockList.length} blocked networks; body ≤ ${p.waf.maxBodyBytes} bytes`,
  );
  out.push(
    `  Headers: HSTS ${duration(p.securityHeaders.hsts.maxAgeSeconds)}${p.securityHeaders.hsts.preload ? " preload" : ""}, CSP profiles ${Object.keys(p.securityHeaders.csp).join(", ")}, frame ${p.securityHeaders.frameOptions}`,
  );
  out.push(
    `  Compression: ${p.compression.algorithms.join(" then ")} above ${p.compression.minSizeBytes} bytes`,
  );
  const a = p.alarms;
  out.push(
    `  Alarms: p95 > ${a.latencyP95.thresholdSeconds}s, CPU > ${a.cpu.thresholdPercent}% ${a.cpu.forMinutes}m, memory > ${a.memory.thresholdPercent}% ${a.memory.forMinutes}m, ` +
      `5xx > ${a.errorRate.thresholdPercent}% ${a.errorRate.forMinutes}m, cache hits < ${a.cacheHitRate.belowPercent}% ${a.cacheHitRate.forMinutes}m (L2 and CDN)`,
  );
  out.push(
    "",
    `SLOs (${p.slo.windowDays}-day window; burn-rate alerts ${Object.keys(p.slo.burnRateAlerts).join(", ")}):`,
  );
  for (const [name, o] of Object.entries(p.slo.objectives)) {
    const latency = o.latency.map((l) => `p${l.percentile} < ${l.thresholdMs} ms`).join(", ");
    out.push(
      `  ${name} (pool ${o.pool}): ${o.availabilityPercent}% available${latency ? `, ${latency}` : ""}`,
    );
  }
  out.push(
    `  Synthetic checks of ${p.zone.domain}: ${[p.slo.synthetic.healthPath, ...Object.values(p.slo.synthetic.samplePaths)].join(" ")}`,
  );
  return out.join("\n");
}
