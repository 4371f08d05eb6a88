import { describe, expect, it } from "vitest";
import { type EnvironmentOverrides, PlatformConfigError, resolvePlatform } from "../src/index.ts";

const resolveWith = (overrides: unknown) =>
  resolvePlatform("production", { overrides: overrides as EnvironmentOverrides });

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

describe("originAuth section", () => {
  it("defaults: X-Origin-Auth from the ORIGIN_AUTH_SECRET binding, in every environment", () => {
    for (const env of ["production", "staging"]) {
      expect(resolvePlatform(env).originAuth).toEqual({
        headerName: "X-Origin-Auth",
        workerSecretBinding: "ORIGIN_AUTH_SECRET",
      });
    }
  });

  it("holds a header name and a binding name, never a secret value", () => {
    expect(() => resolveWith({ originAuth: { value: "s3cret" } })).toThrow(PlatformConfigError);
  });

  it("accepts a custom header name", () => {
    expect(resolveWith({ originAuth: { headerName: "X-Edge-Key" } }).originAuth.headerName).toBe(
      "X-Edge-Key",
    );
  });

  it("a header name over the ALB's 40 characters names the field, the value and the limit", () => {
    const long = `X-${"a".repeat(39)}`;
    const p = problemOf({ originAuth: { headerName: long } });
    expect(p.path).toBe("originAuth.headerName");
    expect(p.value).toBe(long);
    expect(p.message).toMatch(/at most 40 characters/);
  });

  it("refuses wildcards and headers with another meaning", () => {
    expect(problemOf({ originAuth: { headerName: "X-Origin-*" } }).message).toMatch(/RFC 7230 token/);
    for (const name of ["Host", "cookie", "CF-Connecting-IP", "X-Forwarded-For"]) {
      const p = problemOf({ originAuth: { headerName: name } });
      expect(p.path).toBe("originAuth.headerName");
      expect(p.message).toMatch(/must not be Host/);
    }
  });

  it("a binding name that is not UPPER_SNAKE_CASE is refused", () => {
    const p = problemOf({ originAuth: { workerSecretBinding: "origin-secret" } });
    expect(p.path).toBe("originAuth.workerSecretBinding");
    expect(p.message).toMatch(/UPPER_SNAKE_CASE/);
  });
});
