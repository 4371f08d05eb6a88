import { describe, expect, it } from "vitest";
import { type EnvironmentOverrides, PlatformConfigError, resolvePlatform } from "../src/index.ts";

function problemsOf(overrides: unknown) {
  try {
    resolvePlatform("staging", { overrides: overrides as EnvironmentOverrides });
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return (error as PlatformConfigError).problems;
  }
  throw new Error("expected the model to be rejected");
}

describe("operations: purge, warming and load scenarios", () => {
  it("has defaults for every field, and every sample path belongs to its class", () => {
    const ops = resolvePlatform("staging").operations;
    expect(ops.deployPurge).toEqual({ classes: ["html", "api"], tags: [], everything: false });
    expect(ops.classTags.api).toEqual(["api"]);
    expect(ops.warm.concurrency).toBeGreaterThan(0);
    expect(ops.loadScenarios.stress.at(-1)?.arrivalRate).toBe(1000);
    expect(ops.loadScenarios.basic.at(-1)?.arrivalRate).toBe(100);
    expect(ops.loadScenarios.endurance[0]).toMatchObject({ durationSeconds: 1800, arrivalRate: 200 });
  });

  const cases: { name: string; overrides: unknown; path: string; value: unknown; message: RegExp }[] = [
    {
      name: "a tag with a comma",
      overrides: { operations: { deployPurge: { tags: ["a,b"] } } },
      path: "operations.deployPurge.tags[0]",
      value: "a,b",
      message: /without commas or spaces/,
    },
    {
      name: "an upper-case tag",
      overrides: { operations: { classTags: { api: ["API"] } } },
      path: "operations.classTags.api[0]",
      value: "API",
      message: /lower-case/,
    },
    {
      name: "a purge of an unknown class",
      overrides: { operations: { deployPurge: { classes: ["pages"] } } },
      path: "operations.deployPurge.classes[0]",
      value: "pages",
      message: /must name a route class; known: .*html/,
    },
    {
      name: "a sample path of another class",
      overrides: { operations: { paths: { api: ["/assets/x.css"] } } },
      path: "operations.paths.api[0]",
      value: "/assets/x.css",
      message: /classified as "static", not "api"/,
    },
    {
      name: "a warming concurrency of 0",
      overrides: { operations: { warm: { concurrency: 0 } } },
      path: "operations.warm.concurrency",
      value: 0,
      message: /from 1 to 256/,
    },
    {
      name: "a scenario without phases",
      overrides: { operations: { loadScenarios: { smoke: [] } } },
      path: "operations.loadScenarios.smoke",
      value: [],
      message: /at least one phase/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      const problem = problemsOf(c.overrides).find((p) => p.path === c.path);
      expect(problem, JSON.stringify(problemsOf(c.overrides))).toBeDefined();
      expect(problem?.value).toEqual(c.value);
      expect(problem?.message).toMatch(c.message);
    });
  }
});
