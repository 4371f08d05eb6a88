import { describe, expect, it } from "vitest";
import { burnRate, type EnvironmentOverrides, PlatformConfigError, resolvePlatform } from "../src/index.ts";

function problems(overrides: unknown): string[] {
  try {
    resolvePlatform("production", { overrides: overrides as EnvironmentOverrides });
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return (error as Error).message.split("\n").slice(1);
  }
  throw new Error("expected the model to be rejected");
}

describe("slo: defaults from the seeds", () => {
  const p = resolvePlatform("production");

  it("holds 99.9 % availability and the seed latency targets", () => {
    expect(p.slo.windowDays).toBe(30);
    expect(p.slo.objectives.api).toMatchObject({
      pool: "api",
      availabilityPercent: 99.9,
      latency: [
        { percentile: 95, thresholdMs: 200 },
        { percentile: 99, thresholdMs: 500 },
      ],
    });
    expect(p.slo.objectives.web?.latency).toEqual([{ percentile: 95, thresholdMs: 500 }]);
  });

  it("gives the SRE workbook burn rates for a 30-day window (14.4×, 6×, 1×)", () => {
    const rates = Object.fromEntries(
      Object.entries(p.slo.burnRateAlerts).map(([name, a]) => [name, burnRate(a, p.slo.windowDays)]),
    );
    expect(rates["page-fast"]).toBeCloseTo(14.4);
    expect(rates["page-slow"]).toBeCloseTo(6);
    expect(rates.ticket).toBeCloseTo(1);
  });
});

describe("slo: models the stacks cannot render are refused with field, value and why", () => {
  it("an objective whose budget a page alert can never burn (90 % × 14.4 > 100 %)", () => {
    const lines = problems({
      slo: { objectives: { web: { latency: [{ percentile: 90, thresholdMs: 500 }] } } },
    });
    expect(lines.join("\n")).toMatch(
      /slo\.objectives\.web\.latency\[0\]\.percentile: 90 — leaves an error budget of 10 %; burn-rate alert "page-fast" \(14\.4×\) would need 144 % bad requests/,
    );
  });

  it("an objective on a pool that does not exist", () => {
    expect(problems({ slo: { objectives: { api: { pool: "nope" } } } }).join("\n")).toMatch(
      `slo.objectives.api.pool: "nope" — must name a pool; known pools: ${Object.keys(resolvePlatform("production").pools).join(", ")}`,
    );
  });

  it("an availability objective of 100 % (no budget at all)", () => {
    expect(problems({ slo: { objectives: { api: { availabilityPercent: 100 } } } }).join("\n")).toMatch(
      /slo\.objectives\.api\.availabilityPercent: 100 — must be a percentage from 90 to 99\.999/,
    );
  });

  it("a short window not shorter than the long one", () => {
    expect(
      problems({ slo: { burnRateAlerts: { ticket: { shortWindowMinutes: 4320 } } } }).join("\n"),
    ).toMatch(
      /slo\.burnRateAlerts\.ticket\.shortWindowMinutes: 4320 — must be shorter than longWindowMinutes \(4320\)/,
    );
  });

  it("a long window beyond what CloudWatch evaluates (7 days)", () => {
    expect(
      problems({ slo: { burnRateAlerts: { ticket: { longWindowMinutes: 20_160 } } } }).join("\n"),
    ).toMatch(
      /slo\.burnRateAlerts\.ticket\.longWindowMinutes: 20160 — must be a whole number from 5 to 10080 minutes/,
    );
  });

  it("a synthetic sample path of another route class", () => {
    expect(problems({ slo: { synthetic: { samplePaths: { api: "/about" } } } }).join("\n")).toMatch(
      /slo\.synthetic\.samplePaths\.api: "\/about" — is classified as "html", not "api"/,
    );
  });

  it("a Route 53 request interval it does not offer", () => {
    expect(problems({ slo: { synthetic: { requestIntervalSeconds: 15 } } }).join("\n")).toMatch(
      /slo\.synthetic\.requestIntervalSeconds: 15 — must be 10 or 30/,
    );
  });

  it("an AWS/ namespace for the CDN metrics", () => {
    expect(problems({ slo: { cdn: { namespace: "AWS/Edge" } } }).join("\n")).toMatch(
      /slo\.cdn\.namespace: "AWS\/Edge" — must be a custom CloudWatch namespace/,
    );
  });
});
