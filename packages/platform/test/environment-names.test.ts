import { describe, expect, it } from "vitest";
import {
  activeProduct,
  type EnvironmentOverrides,
  type PlatformConfig,
  PlatformConfigError,
  resolvePlatform,
} from "../src/index.ts";

/** The example's environments plus `qa` as the README's recipe adds it: smaller pools, nothing else. */
const withQa = (qa: EnvironmentOverrides = {}) => ({
  ...activeProduct.environments,
  qa: { pools: { api: { scaling: { minSize: 1, desiredCapacity: 1 } } }, ...qa },
});

/** The problems resolvePlatform reports, or a failure when it resolves. */
function problemsOf(environment: string, options: Parameters<typeof resolvePlatform>[1]) {
  try {
    resolvePlatform(environment, options);
  } catch (error) {
    if (error instanceof PlatformConfigError) return error.problems;
    throw error;
  }
  throw new Error(`environment ${environment} resolved, expected a name collision`);
}

describe("per-environment names", () => {
  it("derives the worker script and queue names of an environment that sets none", () => {
    const qa = resolvePlatform("qa", { environments: withQa() });
    expect(qa.edge.scriptName).toBe("shop-edge-qa");
    expect(qa.pools.api!.scaling.queueDepth!.queueName).toBe("shop-api-jobs-qa");
    // The example's staging names are derived the same way; production keeps the names it was deployed with.
    expect(resolvePlatform("staging").edge.scriptName).toBe("shop-edge-staging");
    expect(resolvePlatform("production").edge.scriptName).toBe("shop-edge");
  });

  it("refuses an environment that reuses another's worker script, naming both environments", () => {
    const environments = withQa({ edge: { scriptName: "shop-edge" } });
    expect(problemsOf("qa", { environments })).toEqual([
      {
        path: "edge.scriptName",
        value: "shop-edge",
        message: expect.stringMatching(
          /^is also the edge\.scriptName of environment "production": .*unset there and in the product to get "shop-edge-qa"/,
        ),
      },
    ]);
    // Production is refused too: neither may deploy while they share one script.
    expect(problemsOf("production", { environments })).toEqual([
      expect.objectContaining({
        path: "edge.scriptName",
        message: expect.stringContaining('environment "qa"'),
      }),
    ]);
  });

  it("refuses an environment that scales on another's queue", () => {
    const environments = withQa({
      pools: { api: { scaling: { queueDepth: { queueName: "shop-api-jobs" } } } },
    });
    expect(problemsOf("qa", { environments })).toEqual([
      {
        path: "pools.api.scaling.queueDepth.queueName",
        value: "shop-api-jobs",
        message: expect.stringContaining(
          'is also the pools.api.scaling.queueDepth.queueName of environment "production"',
        ),
      },
    ]);
  });

  it("refuses a name set once in the product, which every environment would inherit", () => {
    const config = { ...activeProduct.product, edge: { ...activeProduct.product.edge, scriptName: "shop" } };
    const environments = { staging: {}, production: {} };
    const problems = problemsOf("staging", { config: config as PlatformConfig, environments });
    expect(problems.map((p) => [p.path, p.value])).toEqual([["edge.scriptName", "shop"]]);
    expect(problems[0]!.message).toContain('environment "production"');
  });

  it("lets one environment override a derived name with a unique one", () => {
    const environments = withQa({ edge: { scriptName: "qa-worker" } });
    expect(resolvePlatform("qa", { environments }).edge.scriptName).toBe("qa-worker");
    expect(resolvePlatform("production", { environments }).edge.scriptName).toBe("shop-edge");
  });
});
