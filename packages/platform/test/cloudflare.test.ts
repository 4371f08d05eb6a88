import { describe, expect, it } from "vitest";
import {
  cacheKeyHeaderRefused,
  type EnvironmentOverrides,
  managedRulesetsOf,
  PLAN_GATES,
  PLAN_LIMITS,
  PlatformConfigError,
  planAtLeast,
  resolvePlatform,
} from "../src/index.ts";

const resolveWith = (overrides: unknown, env = "production") =>
  resolvePlatform(env, { overrides: overrides as EnvironmentOverrides });

function problemOf(overrides: unknown) {
  try {
    resolveWith(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    const problems = (error as PlatformConfigError).problems;
    expect(problems).toHaveLength(1);
    return problems[0]!;
  }
  throw new Error("expected the model to be rejected");
}

describe("cloudflare section", () => {
  it("defaults: business plan, staging inside the production zone, production owns it", () => {
    const production = resolvePlatform("production").cloudflare;
    const staging = resolvePlatform("staging").cloudflare;
    expect(production).toEqual({
      plan: "business",
      zoneName: "example.com",
      ownsZone: true,
      managedRulesets: "all-available",
    });
    expect(staging.zoneName).toBe(production.zoneName);
    expect(staging.ownsZone).toBe(false);
  });

  it("all-available managed rulesets follow the plan", () => {
    expect(managedRulesetsOf(resolveWith({ cloudflare: { plan: "free" } }).cloudflare)).toEqual([]);
    expect(managedRulesetsOf(resolveWith({ cloudflare: { plan: "pro" } }).cloudflare)).toEqual([
      "cloudflare-managed",
      "owasp-core",
    ]);
    expect(
      managedRulesetsOf(resolveWith({ cloudflare: { managedRulesets: ["owasp-core"] } }).cloudflare),
    ).toEqual(["owasp-core"]);
  });

  it("an unknown plan names the field, the value and the plans", () => {
    const p = problemOf({ cloudflare: { plan: "premium" } });
    expect(p.path).toBe("cloudflare.plan");
    expect(p.value).toBe("premium");
    expect(p.message).toMatch(/free, pro, business, enterprise/);
  });

  it("a managed ruleset the plan lacks names the field, the plan and the lowest plan that has it", () => {
    const p = problemOf({ cloudflare: { plan: "free", managedRulesets: ["cloudflare-managed"] } });
    expect(p.path).toBe("cloudflare.managedRulesets[0]");
    expect(p.value).toBe("cloudflare-managed");
    expect(p.message).toMatch(/needs the pro plan or higher; cloudflare\.plan is free/);
  });

  it("a zone name must be a DNS name", () => {
    expect(problemOf({ cloudflare: { zoneName: "Example.COM/" } }).path).toBe("cloudflare.zoneName");
  });
});

describe("plan table", () => {
  it("orders plans", () => {
    expect(planAtLeast("business", "pro")).toBe(true);
    expect(planAtLeast("pro", "business")).toBe(false);
  });

  it("has the documented gates and limits", () => {
    expect(PLAN_GATES.regexOperator.lowestPlan).toBe("business");
    expect(PLAN_GATES.customCacheKey.lowestPlan).toBe("enterprise");
    expect(PLAN_LIMITS.free.maxRateLimitPeriodSeconds).toBe(10);
    expect(PLAN_LIMITS.pro.maxRateLimitPeriodSeconds).toBe(60);
    expect(PLAN_LIMITS.pro.minEdgeTtlSeconds).toBe(3600);
    expect(PLAN_LIMITS.business.minEdgeTtlSeconds).toBe(1);
  });

  it("refuses the documented cache-key headers, cf- headers included", () => {
    for (const header of [
      "accept",
      "Accept-Encoding",
      "cookie",
      "host",
      "range",
      "cf-ray",
      "CF-Device-Type",
    ]) {
      expect(cacheKeyHeaderRefused(header), header).toBe(true);
    }
    expect(cacheKeyHeaderRefused("x-image-format")).toBe(false);
  });
});
