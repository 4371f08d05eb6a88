import type { ClassThresholds } from "./thresholds.ts";

/** The parts of Artillery's `--output` JSON the report reads. */
interface Summary {
  min?: number;
  max?: number;
  count?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  [k: string]: number | undefined;
}
interface Period {
  counters?: Record<string, number>;
  rates?: Record<string, number>;
  summaries?: Record<string, Summary>;
  period?: number | string;
  firstMetricAt?: number;
  lastMetricAt?: number;
}
export interface ArtilleryOutput {
  aggregate: Period;
  intermediate?: Period[];
}

export interface ClassResult {
  requests: number;
  codes: Record<string, number>;
  cache: Record<string, number>;
  latency: { p50?: number; p95?: number; p99?: number; [k: string]: number | undefined };
  errorPercent: number;
}

export interface Breach {
  what: string;
  actual: number;
  limit: number;
}

export interface LoadSummary {
  scenario: string;
  target: string;
  requests: number;
  latencyMs: { p50?: number; p95?: number; p99?: number; max?: number };
  codes: Record<string, number>;
  /** Connection errors, timeouts and the like (Artillery's `errors.*`), by code. */
  errors: Record<string, number>;
  errorPercent: number;
  byClass: Record<string, ClassResult>;
  websocket: { created: number; failed: number };
  timeline: { at: number; requestRate: number; p50?: number; p95?: number; p99?: number }[];
  breaches: Breach[];
  passed: boolean;
}

const byPrefix = (counters: Record<string, number>, prefix: string) =>
  Object.fromEntries(
    Object.entries(counters)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const failedCodes = (codes: Record<string, number>) =>
  sum(Object.fromEntries(Object.entries(codes).filter(([code]) => Number(code) >= 500)));
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Reads Artillery's output into the report's shape and checks it against the thresholds: every class's latency
 * percentiles and error share, and the whole run's error share (5xx and connection errors together).
 */
export function summarize(
  raw: ArtilleryOutput,
  scenario: string,
  target: string,
  thresholds: Record<string, ClassThresholds>,
): LoadSummary {
  const counters = raw.aggregate.counters ?? {};
  const summaries = raw.aggregate.summaries ?? {};
  const codes = byPrefix(counters, "http.codes.");
  const errors = byPrefix(counters, "errors.");
  const requests = counters["http.requests"] ?? 0;
  const failed = failedCodes(codes) + sum(errors);
  const classes = new Set(
    Object.keys(counters)
      .filter((k) => k.startsWith("edge.codes."))
      .map((k) => k.split(".")[2]!),
  );
  const byClass: Record<string, ClassResult> = {};
  for (const c of classes) {
    const classCodes = byPrefix(counters, `edge.codes.${c}.`);
    const n = sum(classCodes);
    const latency = summaries[`edge.latency.${c}`] ?? {};
    byClass[c] = {
      requests: n,
      codes: classCodes,
      cache: byPrefix(counters, `edge.cache.${c}.`),
      latency: { p50: latency.p50, p95: latency.p95, p99: latency.p99, p999: latency.p999 },
      errorPercent: n === 0 ? 0 : round((failedCodes(classCodes) / n) * 100),
    };
  }
  const breaches: Breach[] = [];
  for (const [c, t] of Object.entries(thresholds)) {
    const result = byClass[c];
    if (!result) continue;
    for (const l of t.latency) {
      const actual = result.latency[l.metric];
      if (actual !== undefined && actual >= l.thresholdMs)
        breaches.push({ what: `${c} ${l.metric} latency (ms)`, actual, limit: l.thresholdMs });
    }
    if (result.errorPercent > t.maxErrorPercent)
      breaches.push({ what: `${c} errors (%)`, actual: result.errorPercent, limit: t.maxErrorPercent });
  }
  const errorPercent = requests === 0 ? 0 : round((failed / Math.max(requests, 1)) * 100);
  const budgets = Object.values(thresholds).map((t) => t.maxErrorPercent);
  const runLimit = budgets.length ? Math.min(...budgets) : 0;
  if (errorPercent > runLimit)
    breaches.push({ what: "all requests errors (%)", actual: errorPercent, limit: runLimit });
  if (requests === 0 && (counters["vusers.created"] ?? 0) === 0)
    breaches.push({ what: "requests sent", actual: 0, limit: 1 });
  const ws = { created: counters["websocket.messages_sent"] ?? 0, failed: counters["vusers.failed"] ?? 0 };

  const timeline = (raw.intermediate ?? []).map((p) => {
    const rt = p.summaries?.["http.response_time"] ?? {};
    return {
      at: Number(p.period ?? p.firstMetricAt ?? 0),
      requestRate: p.rates?.["http.request_rate"] ?? 0,
      p50: rt.p50,
      p95: rt.p95,
      p99: rt.p99,
    };
  });
  const rt = summaries["http.response_time"] ?? {};
  return {
    scenario,
    target,
    requests,
    latencyMs: { p50: rt.p50, p95: rt.p95, p99: rt.p99, max: rt.max },
    codes,
    errors,
    errorPercent,
    byClass,
    websocket: ws,
    timeline,
    breaches,
    passed: breaches.length === 0,
  };
}

const cell = (n: number | undefined) => (n === undefined ? "–" : String(round(n)));

/** The Markdown report a reviewer reads; the chart is linked beside it. */
export function toMarkdown(s: LoadSummary, chartFile: string): string {
  const lines = [
    `# Load: ${s.scenario} → ${s.target}`,
    "",
    s.passed
      ? "**Result: passed** (every SLO threshold held)"
      : `**Result: FAILED** (${s.breaches.length} breach(es))`,
    "",
    `Requests: ${s.requests} · p50 ${cell(s.latencyMs.p50)} ms · p95 ${cell(s.latencyMs.p95)} ms · p99 ${cell(s.latencyMs.p99)} ms · max ${cell(s.latencyMs.max)} ms · errors ${s.errorPercent} %`,
    "",
    `![latency and throughput](${chartFile})`,
    "",
    "## Status codes and errors",
    "",
    "| code | count |",
    "| ---- | ----- |",
    ...Object.entries(s.codes).map(([k, v]) => `| ${k} | ${v} |`),
    ...Object.entries(s.errors).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "## Per route class",
    "",
    "| class | requests | p50 ms | p95 ms | p99 ms | errors % | cache status mix |",
    "| ----- | -------- | ------ | ------ | ------ | -------- | ---------------- |",
    ...Object.entries(s.byClass).map(
      ([c, r]) =>
        `| ${c} | ${r.requests} | ${cell(r.latency.p50)} | ${cell(r.latency.p95)} | ${cell(r.latency.p99)} | ${r.errorPercent} | ${Object.entries(
          r.cache,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")} |`,
    ),
    "",
  ];
  if (s.websocket.created > 0) lines.push(`WebSocket messages sent: ${s.websocket.created}`, "");
  if (s.breaches.length) {
    lines.push("## Breaches", "", "| what | actual | limit |", "| ---- | ------ | ----- |");
    for (const b of s.breaches) lines.push(`| ${b.what} | ${b.actual} | ${b.limit} |`);
    lines.push("");
  }
  return lines.join("\n");
}
