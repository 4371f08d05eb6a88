import type { Platform } from "@edge/platform";
import { compileClassifier } from "@edge/platform/routing";
import { thresholdsFor } from "./thresholds.ts";

export const SCENARIOS = ["smoke", "basic", "spike", "stress", "endurance"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Accept headers real browsers send for images (Chrome, Safari 16+, an old client without AVIF/WebP). */
const IMAGE_ACCEPTS = [
  "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
  "image/webp,image/avif,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
  "image/png,image/jpeg,*/*;q=0.8",
];
const ACCEPT_BY_HANDLER: Record<string, string> = {
  html: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  api: "application/json",
  static: "text/css,*/*;q=0.1",
  proxy: "*/*",
};

/** An Artillery script (the JSON form of its YAML), rendered from the model. */
export interface ArtilleryScript {
  config: Record<string, unknown>;
  scenarios: Record<string, unknown>[];
}

/** Artillery weights are whole numbers: spread each class's weight over its requests (at least 1 each). */
const share = (classWeight: number, n: number) => Math.max(1, Math.round((classWeight * 100) / n));

/**
 * Renders a scenario: the model's phases (`operations.loadScenarios`), one Artillery scenario per request of the
 * mix (`operations.loadMix` over `operations.paths`; images × real Accept headers × the warm widths; a WebSocket
 * connect/send/think for the websocket class), and `ensure` thresholds from the SLOs (what `run-fargate` and
 * `run-lambda` check on their own).
 */
export function renderScenario(
  platform: Platform,
  name: ScenarioName,
  target: string,
  processorPath: string,
): ArtilleryScript {
  const ops = platform.operations;
  const classify = compileClassifier(platform.routeClasses);
  const base = target.replace(/\/$/, "");
  const scenarios: Record<string, unknown>[] = [];
  for (const [className, weight] of Object.entries(ops.loadMix)) {
    const rc = platform.routeClasses[className];
    const paths = (ops.paths[className] ?? []).filter((p) => classify(p.split("?")[0]!) === className);
    if (!rc || weight === 0 || paths.length === 0) continue;
    if (rc.handler === "websocket") {
      const wsBase = base.replace(/^http/, "ws");
      for (const path of paths)
        scenarios.push({
          name: `${className} ${path}`,
          engine: "ws",
          weight: share(weight, paths.length),
          flow: [{ connect: { target: `${wsBase}${path}` } }, { send: "ping" }, { think: 1 }],
        });
      continue;
    }
    const requests: { url: string; accept: string }[] = [];
    for (const path of paths) {
      if (rc.handler === "image") {
        const widths = ops.warm.imageWidths.length ? ops.warm.imageWidths : platform.images.widths;
        for (const accept of IMAGE_ACCEPTS)
          for (const w of widths)
            requests.push({ url: `${path}${path.includes("?") ? "&" : "?"}w=${w}`, accept });
      } else requests.push({ url: path, accept: ACCEPT_BY_HANDLER[rc.handler] ?? "*/*" });
    }
    for (const r of requests)
      scenarios.push({
        name: `${className} ${r.url}`,
        weight: share(weight, requests.length),
        flow: [{ get: { url: r.url, headers: { Accept: r.accept }, afterResponse: `record_${className}` } }],
      });
  }
  if (scenarios.length === 0)
    throw new Error("operations.loadMix and operations.paths give no request to send: nothing to load");

  const thresholds = Object.entries(thresholdsFor(platform)).flatMap(([className, t]) =>
    scenarios.some((s) => String(s.name).startsWith(`${className} `) && !("engine" in s))
      ? t.latency.map((l) => ({ [`edge.latency.${className}.${l.metric}`]: l.thresholdMs }))
      : [],
  );
  return {
    config: {
      target: base,
      phases: ops.loadScenarios[name].map((p) => ({
        duration: p.durationSeconds,
        arrivalRate: p.arrivalRate,
        ...(p.rampTo !== undefined ? { rampTo: p.rampTo } : {}),
        ...(p.name ? { name: p.name } : {}),
      })),
      processor: processorPath,
      http: { timeout: 10 },
      ...(target.startsWith("https://127.0.0.1") ? { tls: { rejectUnauthorized: false } } : {}),
      plugins: { ensure: { thresholds } },
    },
    scenarios,
  };
}
