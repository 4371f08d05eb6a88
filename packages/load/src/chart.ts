import type { LoadSummary } from "./report.ts";

const W = 720;
const PANEL = 180;
const LEFT = 60;
const TOP = 30;
const GAP = 50;
const COLORS = { p50: "#2b8a3e", p95: "#e67700", p99: "#c92a2a", rate: "#1864ab" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A line (with dots, so a single period still shows) through the points of one series. */
function series(
  points: [number, number][],
  color: string,
  x: (t: number) => number,
  y: (v: number) => number,
) {
  if (points.length === 0) return "";
  const d = points.map(([t, v], i) => `${i ? "L" : "M"}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const dots = points.map(
    ([t, v]) => `<circle cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"/>`,
  );
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>${dots.join("")}`;
}

/** Latency percentiles (top) and request rate (bottom) over the run, one point per Artillery period. */
export function chartSvg(s: LoadSummary): string {
  const t0 = s.timeline[0]?.at ?? 0;
  const ts = s.timeline.map((p) => (p.at - t0) / 1000);
  const tMax = Math.max(1, ...ts);
  const x = (t: number) => LEFT + (t / tMax) * (W - LEFT - 20);
  const latMax = Math.max(1, ...s.timeline.flatMap((p) => [p.p50 ?? 0, p.p95 ?? 0, p.p99 ?? 0]));
  const rateMax = Math.max(1, ...s.timeline.map((p) => p.requestRate));
  const yLat = (v: number) => TOP + PANEL - (v / latMax) * PANEL;
  const rateTop = TOP + PANEL + GAP;
  const yRate = (v: number) => rateTop + PANEL - (v / rateMax) * PANEL;
  const pts = (key: "p50" | "p95" | "p99" | "requestRate") =>
    s.timeline.flatMap((p, i): [number, number][] => (p[key] === undefined ? [] : [[ts[i]!, p[key]!]]));
  const axis = (top: number, max: number, unit: string) =>
    `<line x1="${LEFT}" y1="${top + PANEL}" x2="${W - 20}" y2="${top + PANEL}" stroke="#868e96"/>` +
    `<line x1="${LEFT}" y1="${top}" x2="${LEFT}" y2="${top + PANEL}" stroke="#868e96"/>` +
    `<text x="${LEFT - 6}" y="${top + 4}" text-anchor="end">${Math.round(max)} ${unit}</text>` +
    `<text x="${LEFT - 6}" y="${top + PANEL}" text-anchor="end">0</text>`;
  const height = rateTop + PANEL + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">
<title>${esc(`${s.scenario} → ${s.target}`)}</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${LEFT}" y="18" font-size="13" font-weight="bold">${esc(`Latency (ms): p50, p95, p99 — ${s.scenario}`)}</text>
${axis(TOP, latMax, "ms")}
${series(pts("p50"), COLORS.p50, x, yLat)}${series(pts("p95"), COLORS.p95, x, yLat)}${series(pts("p99"), COLORS.p99, x, yLat)}
<text x="${W - 200}" y="18"><tspan fill="${COLORS.p50}">■ p50</tspan> <tspan fill="${COLORS.p95}">■ p95</tspan> <tspan fill="${COLORS.p99}">■ p99</tspan></text>
<text x="${LEFT}" y="${rateTop - 10}" font-size="13" font-weight="bold">Throughput (requests/s)</text>
${axis(rateTop, rateMax, "rps")}
${series(pts("requestRate"), COLORS.rate, x, yRate)}
<text x="${W - 20}" y="${rateTop + PANEL + 20}" text-anchor="end">${Math.round(tMax)} s</text>
<text x="${LEFT}" y="${rateTop + PANEL + 20}">0 s</text>
</svg>
`;
}
