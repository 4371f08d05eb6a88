import { describe, expect, it } from "vitest";
import type { Env } from "../env.ts";
import { originAuthFor } from "./origin-auth.ts";

const model = { originAuth: { headerName: "X-Origin-Auth", workerSecretBinding: "ORIGIN_AUTH_SECRET" } };
const HEX = "0123456789abcdef".repeat(4);
const envWith = (bindings: Record<string, unknown>) => bindings as unknown as Env;

function collecting() {
  const warnings: string[] = [];
  return { warnings, warn: (message: string) => warnings.push(message) };
}

describe("originAuthFor", () => {
  it("reads the binding the model names, and the header name in lower case", () => {
    const { warnings, warn } = collecting();
    const renamed = originAuthFor(
      { originAuth: { headerName: "X-Edge-Key", workerSecretBinding: "EDGE_KEY" } },
      warn,
    );
    expect(renamed.header).toBe("x-edge-key");
    expect(renamed.valueFor(envWith({ EDGE_KEY: HEX, ORIGIN_AUTH_SECRET: "other" }))).toBe(HEX);
    expect(warnings).toEqual([]);
  });

  it("absent or empty: no value, one warning per isolate however many requests", () => {
    const { warnings, warn } = collecting();
    const auth = originAuthFor(model, warn);
    for (let i = 0; i < 3; i++) expect(auth.valueFor(envWith({}))).toBeUndefined();
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: "" }))).toBeUndefined();
    expect(warnings).toEqual([
      "origin-auth: secret binding ORIGIN_AUTH_SECRET is not set: origin requests carry no X-Origin-Auth header",
    ]);
  });

  it("not a header value (a pasted newline, a space): no value, warning without the value", () => {
    const { warnings, warn } = collecting();
    const auth = originAuthFor(model, warn);
    const pasted = `${HEX}\n`;
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: pasted }))).toBeUndefined();
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: "two words" }))).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ORIGIN_AUTH_SECRET is not a valid header value/);
    expect(warnings[0]).not.toContain(HEX);
  });

  it("sendable but not 64 lowercase hex: sent as is, one warning without the value", () => {
    const { warnings, warn } = collecting();
    const auth = originAuthFor(model, warn);
    const upper = HEX.toUpperCase();
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: upper }))).toBe(upper);
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: "short" }))).toBe("short");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not 64 lowercase hex characters/);
    expect(warnings[0]).not.toContain(upper);
  });

  it("a rotated value is picked up on the next request", () => {
    const auth = originAuthFor(model, () => {});
    const next = "fedcba9876543210".repeat(4);
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: HEX }))).toBe(HEX);
    expect(auth.valueFor(envWith({ ORIGIN_AUTH_SECRET: next }))).toBe(next);
  });
});
