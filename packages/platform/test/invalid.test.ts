import { describe, expect, it } from "vitest";
import {
  ENVIRONMENT_NAMES,
  type EnvironmentOverrides,
  PlatformConfigError,
  resolvePlatform,
} from "../src/index.ts";

/** Resolves production with an overlay and returns the error it must throw. */
function problemsOf(overrides: unknown) {
  try {
    resolvePlatform("production", { overrides: overrides as EnvironmentOverrides });
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return error as PlatformConfigError;
  }
  throw new Error("expected the model to be rejected");
}

describe("invalid models are rejected with field, value and what is allowed", () => {
  const cases: {
    name: string;
    overrides: unknown;
    path: string;
    value: unknown;
    message: RegExp | string;
  }[] = [
    {
      name: "a root volume below the smallest AMI",
      overrides: { pools: { web: { scaling: { rootVolumeGiB: 4 } } } },
      path: "pools.web.scaling.rootVolumeGiB",
      value: 4,
      message: /from 8 to 16384 GiB/,
    },
    {
      name: "a purge-log sync interval below 100 ms",
      overrides: { edge: { purgeLogSyncMs: 10 } },
      path: "edge.purgeLogSyncMs",
      value: 10,
      message: /from 100 to 60000 ms/,
    },
    {
      name: "a negative TTL",
      overrides: { routeClasses: { api: { cache: { edgeTtlSeconds: -5 } } } },
      path: "routeClasses.api.cache.edgeTtlSeconds",
      value: -5,
      message: /from 0 to 31536000 seconds/,
    },
    {
      name: "a scale-in threshold above the scale-out one",
      overrides: { pools: { web: { scaling: { cpu: { scaleIn: { threshold: 75 } } } } } },
      path: "pools.web.scaling.cpu.scaleIn.threshold",
      value: 75,
      message: /below cpu\.scaleOut\.threshold \(70\)/,
    },
    {
      name: "a path prefix two classes claim",
      overrides: { routeClasses: { images: { match: [{ prefix: "/api/" }] } } },
      path: "routeClasses.images.match[0]",
      value: { prefix: "/api/" },
      message: /also claimed by route class "api"/,
    },
    {
      name: "a route class pointing at an unknown pool",
      overrides: { routeClasses: { api: { pool: "backend" } } },
      path: "routeClasses.api.pool",
      value: "backend",
      message: `known pools: ${Object.keys(resolvePlatform("production").pools).join(", ")}`,
    },
    {
      name: "a health-check timeout not below the interval",
      overrides: { pools: { api: { healthCheck: { timeoutSeconds: 15 } } } },
      path: "pools.api.healthCheck.timeoutSeconds",
      value: 15,
      message: /below intervalSeconds \(15\)/,
    },
    {
      name: "desired capacity above max",
      overrides: { pools: { web: { scaling: { desiredCapacity: 99 } } } },
      path: "pools.web.scaling.desiredCapacity",
      value: 99,
      message: /from minSize \(3\) to maxSize \(30\)/,
    },
    {
      name: "on-demand share above 100 percent",
      overrides: { pools: { web: { scaling: { onDemandPercentageAboveBase: 140 } } } },
      path: "pools.web.scaling.onDemandPercentageAboveBase",
      value: 140,
      message: /from 0 to 100 percent/,
    },
    {
      name: "a port out of range",
      overrides: { pools: { api: { port: 70_000 } } },
      path: "pools.api.port",
      value: 70_000,
      message: /from 1 to 65535/,
    },
    {
      name: "a misspelled setting",
      overrides: { zone: { minTLSVersion: "1.2" } },
      path: "zone.minTLSVersion",
      value: "1.2",
      message: /not a known setting/,
    },
    {
      name: "a bypass class with an edge TTL",
      overrides: { routeClasses: { websocket: { cache: { edgeTtlSeconds: 60 } } } },
      path: "routeClasses.websocket.cache.edgeTtlSeconds",
      value: 60,
      message: /must be 0 when mode is bypass/,
    },
    {
      name: "an IP block list entry that is not a CIDR",
      overrides: { waf: { ipBlockList: ["10.0.0.300/8"] } },
      path: "waf.ipBlockList[0]",
      value: "10.0.0.300/8",
      message: /CIDR block/,
    },
    {
      name: "HSTS preload without includeSubDomains",
      overrides: { securityHeaders: { hsts: { includeSubDomains: false } } },
      path: "securityHeaders.hsts.preload",
      value: true,
      message: /includeSubDomains/,
    },
    {
      name: "image widths out of order",
      overrides: { images: { widths: [640, 320] } },
      path: "images.widths[1]",
      value: 320,
      message: /larger than the width before it \(640\)/,
    },
    {
      name: "a per-format image quality outside minQuality–maxQuality",
      overrides: { images: { qualityByFormat: { avif: 20 } } },
      path: "images.qualityByFormat.avif",
      value: 20,
      message: /must be from minQuality \(30\) to maxQuality \(95\)/,
    },
    {
      name: "an unknown stickiness type",
      overrides: { pools: { ws: { stickiness: { type: "source_ip" } } } },
      path: "pools.ws.stickiness.type",
      value: "source_ip",
      message: /none, lb_cookie or app_cookie/,
    },
    {
      name: "a CDN host outside the zone",
      overrides: { zone: { cdnHost: "cdn.other.org" } },
      path: "zone.cdnHost",
      value: "cdn.other.org",
      message: /must be example\.com or a sub-domain of it/,
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      const error = problemsOf(c.overrides);
      const problem = error.problems.find((p) => p.path === c.path);
      expect(problem, `problems were: ${error.message}`).toBeDefined();
      expect(problem!.value).toEqual(c.value);
      expect(problem!.message).toMatch(c.message);
      // The thrown message names the environment, the field and the value.
      expect(error.message).toContain('"production"');
      expect(error.message).toContain(c.path);
    });
  }

  it("lists every problem, not just the first", () => {
    const error = problemsOf({
      routeClasses: { api: { cache: { edgeTtlSeconds: -1, browserTtlSeconds: -2 } } },
      pools: { web: { port: 0 } },
    });
    expect(error.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "routeClasses.api.cache.edgeTtlSeconds",
        "routeClasses.api.cache.browserTtlSeconds",
        "pools.web.port",
      ]),
    );
  });

  it("rejects an unknown environment, naming the known ones", () => {
    // A name no model would use, so adding an environment (say qa) never breaks this test.
    expect(() => resolvePlatform("no-such-environment")).toThrowError(
      `environment: "no-such-environment" — must be one of ${ENVIRONMENT_NAMES.join(", ")}`,
    );
  });
});
