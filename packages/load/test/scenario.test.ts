import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type EnvironmentOverrides, resolvePlatform } from "@edge/platform";
import { describe, expect, it } from "vitest";
import { chartSvg, renderScenario, summarize, ThresholdError, thresholdsFor } from "../src/index.ts";

const run = promisify(execFile);
const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const staging = resolvePlatform("staging");

describe("scenarios rendered from the model", () => {
  const script = renderScenario(staging, "stress", "https://staging.example.com", "/tmp/p.cjs");
  type Get = { get: { url: string; headers: { Accept: string }; afterResponse: string } };
  const scenarios = script.scenarios as { name: string; weight: number; engine?: string; flow: Get[] }[];

  it("takes phases from operations.loadScenarios (stress ramps to 1000 rps)", () => {
    expect(script.config.phases).toEqual([
      { duration: 60, arrivalRate: 50, rampTo: 1000, name: "ramp to 1000 rps" },
      { duration: 60, arrivalRate: 1000, name: "hold 1000 rps" },
    ]);
  });
  it("mixes the classes by operations.loadMix, images with real Accept headers per width", () => {
    const weightOf = (c: string) =>
      scenarios.filter((s) => s.name.startsWith(`${c} `)).reduce((a, s) => a + s.weight, 0);
    expect(weightOf("api") / weightOf("static")).toBeCloseTo(35 / 15, 1);
    const images = scenarios.filter((s) => s.name.startsWith("images "));
    const accepts = new Set(images.map((s) => s.flow[0]!.get.headers.Accept.split(",")[0]));
    expect(accepts).toEqual(new Set(["image/avif", "image/webp", "image/png"]));
    expect(images.map((s) => s.flow[0]!.get.url)).toContain("/images/kodim03-768x512.png?w=320");
    expect(images[0]!.flow[0]!.get.afterResponse).toBe("record_images");
  });
  it("sends WebSocket traffic for the websocket class", () => {
    const ws = scenarios.find((s) => s.engine === "ws");
    expect(ws?.flow[0] as unknown).toEqual({ connect: { target: "wss://staging.example.com/ws/" } });
  });
  it("turns the SLOs of each class's pool into thresholds and Artillery ensure checks", () => {
    const t = thresholdsFor(staging);
    expect(t.api).toMatchObject({ pool: "api", maxErrorPercent: 0.1 });
    expect(t.api?.latency.map((l) => [l.metric, l.thresholdMs])).toEqual([
      ["p95", 200],
      ["p99", 500],
    ]);
    expect(t.html?.latency.map((l) => [l.metric, l.thresholdMs])).toEqual([["p95", 500]]);
    expect((script.config.plugins as { ensure: { thresholds: object[] } }).ensure.thresholds).toContainEqual({
      "edge.latency.api.p95": 200,
    });
  });
  it("refuses an SLO percentile the gate cannot check, naming the field", () => {
    const odd = resolvePlatform("staging", {
      overrides: {
        slo: { objectives: { api: { latency: [{ percentile: 97, thresholdMs: 300 }] } } },
      } as EnvironmentOverrides,
    });
    expect(() => thresholdsFor(odd)).toThrow(ThresholdError);
    expect(() => thresholdsFor(odd)).toThrow(/slo\.objectives\.api\.latency\[0\]\.percentile: 97/);
  });
});

describe("the report and the gate", () => {
  const output = (apiP95: number, codes: Record<string, number>) => ({
    aggregate: {
      counters: {
        "http.requests": 10,
        ...Object.fromEntries(Object.entries(codes).map(([k, v]) => [`http.codes.${k}`, v])),
        ...Object.fromEntries(Object.entries(codes).map(([k, v]) => [`edge.codes.api.${k}`, v])),
        "edge.cache.api.hit": 8,
        "edge.cache.api.miss": 2,
      },
      summaries: {
        "http.response_time": { p50: 5, p95: apiP95, p99: apiP95, max: apiP95 },
        "edge.latency.api": { p50: 5, p95: apiP95, p99: apiP95 },
      },
    },
    intermediate: [
      {
        period: 1000,
        rates: { "http.request_rate": 4 },
        summaries: { "http.response_time": { p50: 4, p95: 9, p99: 12 } },
      },
      {
        period: 11000,
        rates: { "http.request_rate": 6 },
        summaries: { "http.response_time": { p50: 5, p95: 10, p99: 15 } },
      },
    ],
  });
  const t = thresholdsFor(staging);
  it("passes within the SLOs and reports the cache mix per class", () => {
    const s = summarize(output(50, { 200: 10 }), "smoke", "http://x", t);
    expect(s.passed).toBe(true);
    expect(s.byClass.api?.cache).toEqual({ hit: 8, miss: 2 });
  });
  it("fails on a latency breach and on errors, naming each", () => {
    const s = summarize(output(250, { 200: 9, 503: 1 }), "smoke", "http://x", t);
    expect(s.passed).toBe(false);
    expect(s.breaches.map((b) => b.what)).toEqual([
      "api p95 latency (ms)",
      "api errors (%)",
      "all requests errors (%)",
    ]);
  });
  it("draws latency and throughput over time as SVG", () => {
    const svg = chartSvg(summarize(output(50, { 200: 10 }), "smoke", "http://x", t));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<path /g)).toHaveLength(4); // p50, p95, p99, request rate
  });
  it("the CLI refuses an unknown scenario and an unreachable target (exit 2)", async () => {
    const bad = await run(process.execPath, [CLI, "--scenario", "soak"]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scenario soak: must be one of smoke, basic, spike, stress, endurance/);
    const down = await run(process.execPath, [
      CLI,
      "--scenario",
      "smoke",
      "--target",
      "http://127.0.0.1:9",
    ]).catch((e) => e);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/target http:\/\/127.0.0.1:9 is unreachable/);
  });
});
