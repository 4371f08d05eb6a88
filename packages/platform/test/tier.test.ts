import { describe, expect, it } from "vitest";
import {
  activeProduct,
  DEFAULT_TIER,
  type EnvironmentOverrides,
  isProductionTier,
  PlatformConfigError,
  resolvePlatform,
} from "../src/index.ts";

const withEnvironment = (name: string, overrides: EnvironmentOverrides) => ({
  ...activeProduct.environments,
  [name]: overrides,
});

describe("tier", () => {
  it("is production unless an environment says otherwise, whatever its name", () => {
    expect(DEFAULT_TIER).toBe("production");
    expect(resolvePlatform("production").tier).toBe("production");
    for (const name of ["live", "prod", "qa"]) {
      const platform = resolvePlatform(name, { environments: withEnvironment(name, {}) });
      expect(platform.tier, name).toBe("production");
      expect(isProductionTier(platform)).toBe(true);
    }
  });

  it("is what the environment sets: the example's staging is non-production", () => {
    expect(resolvePlatform("staging").tier).toBe("non-production");
    expect(isProductionTier(resolvePlatform("staging"))).toBe(false);
    const live = resolvePlatform("live", { environments: withEnvironment("live", { tier: "production" }) });
    expect(live.tier).toBe("production");
  });

  it("refuses an unknown tier, naming the field, the value and the allowed ones", () => {
    const environments = withEnvironment("qa", { tier: "prod" as never });
    try {
      resolvePlatform("qa", { environments });
      expect.unreachable("resolved");
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformConfigError);
      expect((error as PlatformConfigError).problems).toEqual([
        { path: "tier", value: "prod", message: "must be one of production, non-production" },
      ]);
    }
  });
});
