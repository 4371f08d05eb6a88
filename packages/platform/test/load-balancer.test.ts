import { describe, expect, it } from "vitest";
import { type EnvironmentOverrides, PlatformConfigError, resolvePlatform } from "../src/index.ts";

const problemOf = (overrides: unknown) => {
  try {
    resolvePlatform("production", { overrides: overrides as EnvironmentOverrides });
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return (error as PlatformConfigError).problems[0]!;
  }
  throw new Error("expected the model to be rejected");
};

describe("loadBalancer (NGINX) settings", () => {
  it("carries secure defaults", () => {
    const lb = resolvePlatform("production").loadBalancer;
    expect(lb.listen).toEqual({ httpPort: 80, httpsPort: 443 });
    expect(lb.tls).toMatchObject({ profile: "intermediate", certificate: null });
    expect(lb.clientTimeouts.headerSeconds).toBe(10);
    expect(lb.realIp.header).toBe("CF-Connecting-IP");
    expect(lb.realIp.trustedProxies).toContain("173.245.48.0/20");
    expect(resolvePlatform("production").pools.web!.upstream.keepaliveTimeoutSeconds).toBe(60);
  });

  it("rejects a header timeout out of range, naming field, value and bounds", () => {
    const p = problemOf({ loadBalancer: { clientTimeouts: { headerSeconds: 0 } } });
    expect(p.path).toBe("loadBalancer.clientTimeouts.headerSeconds");
    expect(p.value).toBe(0);
    expect(p.message).toMatch(/from 1 to 300 seconds/);
  });

  it("rejects a trusted proxy that is not a CIDR block", () => {
    const p = problemOf({ loadBalancer: { realIp: { trustedProxies: ["cloudflare"] } } });
    expect(p.path).toBe("loadBalancer.realIp.trustedProxies[0]");
    expect(p.message).toMatch(/CIDR/);
  });

  it("rejects the same port for HTTP and HTTPS", () => {
    const p = problemOf({ loadBalancer: { listen: { httpPort: 8443, httpsPort: 8443 } } });
    expect(p.path).toBe("loadBalancer.listen.httpsPort");
    expect(p.message).toMatch(/differ from httpPort \(8443\)/);
  });

  it("rejects an upstream keepalive timeout out of range", () => {
    const p = problemOf({ pools: { api: { upstream: { keepaliveTimeoutSeconds: 0 } } } });
    expect(p.path).toBe("pools.api.upstream.keepaliveTimeoutSeconds");
    expect(p.message).toMatch(/from 1 to 3600 seconds/);
  });
});
