import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODEL_MD_PATH, modelFields, renderModelReference } from "../src/reference/model-reference.ts";

describe("MODEL.md", () => {
  it("is exactly what the schema renders", () => {
    expect(
      readFileSync(MODEL_MD_PATH, "utf8") === renderModelReference(),
      "packages/platform/MODEL.md is stale: run `node packages/platform/src/reference/model-reference.ts`",
    ).toBe(true);
  });

  it("lists every field with its type, and ranges from the schema", () => {
    const byPath = new Map(modelFields().map((f) => [f.path, f]));
    expect(byPath.get("routeClasses.<name>.cache.edgeTtlSeconds")).toMatchObject({
      type: "number",
      allowed: "whole number from 0 to 31536000",
      leaf: true,
    });
    expect(byPath.get("pools.<name>.stickiness.type")?.allowed).toBe(
      '`"none"`, `"lb_cookie"`, `"app_cookie"`',
    );
    expect(byPath.get("loadBalancer.tls.certificate")?.type).toBe("object | null");
    expect(renderModelReference()).toContain("| `pools.<name>.upstream.maxFails` | number | `3` |");
  });

  it("describes every field a user writes (add a .describe() to the schema)", () => {
    const undescribed = modelFields()
      .filter((f) => f.leaf && !f.description)
      .map((f) => f.path);
    expect(undescribed).toEqual([]);
  });
});
