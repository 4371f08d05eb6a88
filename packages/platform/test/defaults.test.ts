import { describe, expect, it } from "vitest";
import { ENVIRONMENT_NAMES, resolveAll, resolvePlatform, summarize } from "../src/index.ts";

describe("default model", () => {
  const prod = resolvePlatform("production");

  it("resolves every environment", () => {
    expect(ENVIRONMENT_NAMES).toEqual(expect.arrayContaining(["staging", "production"]));
    const all = resolveAll();
    for (const name of ENVIRONMENT_NAMES) expect(all[name]!.environment).toBe(name);
  });

  it("carries the seed cache numbers", () => {
    const rc = prod.routeClasses;
    expect(rc.static!.cache).toMatchObject({
      edgeTtlSeconds: 31_536_000,
      browserTtlSeconds: 31_536_000,
      immutable: true,
    });
    expect(rc.images!.cache).toMatchObject({ edgeTtlSeconds: 31_536_000, varyOnAccept: true });
    expect(rc.api!.cache).toMatchObject({
      edgeTtlSeconds: 300,
      methods: ["GET", "HEAD"],
      bypassOnAuthorization: true,
    });
    expect(rc.html!.cache.edgeTtlSeconds).toBe(300);
    expect(rc.html!.cache.staleWhileRevalidateSeconds).toBeGreaterThan(0);
    expect(rc.websocket!.cache.mode).toBe("bypass");
    expect(prod.cacheKey.ignoredQueryParams).toEqual(
      expect.arrayContaining(["utm_source", "gclid", "fbclid"]),
    );
  });

  it("carries the seed pool numbers", () => {
    const { web, api, ws } = prod.pools;
    expect(web).toMatchObject({ port: 3000, deregistrationDelaySeconds: 30 });
    expect(web!.healthCheck).toMatchObject({
      intervalSeconds: 30,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
    });
    expect(web!.stickiness).toMatchObject({ type: "lb_cookie", durationSeconds: 3600 });
    expect(api!.port).toBe(3001);
    expect(api!.healthCheck).toMatchObject({
      intervalSeconds: 15,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    });
    expect(api!.stickiness.type).toBe("none");
    expect(ws!.port).toBe(3002);
    expect(ws!.stickiness).toMatchObject({ type: "app_cookie", durationSeconds: 86_400 });
    expect(ws!.deregistrationDelaySeconds).toBe(120);
  });

  it("carries the seed scaling and alarm numbers", () => {
    const web = prod.pools.web!.scaling;
    expect(web.instanceTypes[0]).toBe("c6i.large");
    expect(prod.pools.api!.scaling.instanceTypes[0]).toBe("c6i.xlarge");
    expect(web.onDemandPercentageAboveBase).toBe(40);
    expect(web.cpu).toEqual({
      scaleOut: { threshold: 70, forMinutes: 2, adjustment: 2 },
      scaleIn: { threshold: 25, forMinutes: 5, adjustment: -1 },
    });
    expect(web.memory).toEqual({
      scaleOut: { threshold: 80, forMinutes: 3, adjustment: 1 },
      scaleIn: { threshold: 40, forMinutes: 5, adjustment: -1 },
    });
    expect(prod.pools.api!.scaling.queueDepth!.scaleOut).toMatchObject({ threshold: 1000, adjustment: 2 });
    expect(web.schedule).toMatchObject({
      scaleUpCron: "0 8 * * MON-FRI",
      scaleDownCron: "0 20 * * MON-FRI",
      extraInstances: 2,
    });
    expect(web.predictive!.schedulingBufferSeconds).toBe(600);
    expect(prod.alarms).toMatchObject({
      latencyP95: { thresholdSeconds: 2, forMinutes: 5 },
      cpu: { thresholdPercent: 80, forMinutes: 5 },
      memory: { thresholdPercent: 85, forMinutes: 5 },
      errorRate: { thresholdPercent: 5, forMinutes: 1 },
      cacheHitRate: { belowPercent: 70, forMinutes: 10 },
    });
    expect(prod.rateLimits.waf.requestsPerMinute).toBe(5000);
    expect(Object.keys(prod.waf.managedRuleGroups)).toEqual([
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesSQLiRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    expect(prod.compression).toMatchObject({ algorithms: ["br", "gzip"], minSizeBytes: 1024 });
  });

  it("applies environment overrides without touching other environments", () => {
    const staging = resolvePlatform("staging");
    expect(staging.zone.domain).toBe("staging.example.com");
    expect(staging.aws.deletionProtection).toBe(false);
    expect(prod.aws.deletionProtection).toBe(true);
    expect(staging.pools.ws!.scaling.schedule).toBeNull();
    expect(prod.pools.ws!.scaling.schedule).not.toBeNull();
    // An override replaces one field and keeps its siblings.
    expect(staging.pools.api!.scaling.queueDepth).toMatchObject({
      queueName: "shop-api-jobs-staging",
      scaleOut: { threshold: 1000 },
    });
  });

  it("returns frozen data", () => {
    expect(Object.isFrozen(prod)).toBe(true);
    expect(Object.isFrozen(prod.pools.web!.scaling.cpu.scaleOut)).toBe(true);
    expect(() => {
      (prod.pools.web as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it("summarizes in plain text", () => {
    const text = summarize(prod);
    expect(text).toContain("Environment production");
    expect(text).toMatch(/api\s+\/api\/\*\s+api\s+5m/);
    expect(text).toContain("5000/min per IP");
  });
});
