import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("edge worker", () => {
  it("answers with the security headers", async () => {
    const res = await exports.default.fetch("https://example.com/");
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toContain("max-age=63072000");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
