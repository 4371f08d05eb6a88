// Isolated: a fresh app per case, no origin at all. Through the worker: test/request-guard.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call } from "../../../test/support/isolated.ts";
import type { EdgeEnv } from "../../types.ts";
import { requestGuard } from "./index.ts";

function app(maxBodyBytes = 16) {
  const a = new Hono<EdgeEnv>().use(requestGuard({ maxBodyBytes }));
  a.all("*", (c) => c.text("passed"));
  return a;
}

describe("request guard (isolated)", () => {
  it("passes a plain request on", async () => {
    expect(await (await call(app(), "/ok?q=1")).text()).toBe("passed");
  });

  it("refuses with short reasons: 405, 413 (declared length), 400 (encoded slash)", async () => {
    const method = await call(app(), "/x", { method: "TRACE" });
    expect([method.status, method.headers.get("allow")]).toEqual([405, expect.stringContaining("GET")]);
    const big = await call(app(16), "/x", {
      method: "POST",
      body: "x".repeat(17),
      headers: { "Content-Length": "17" },
    });
    expect(big.status).toBe(413);
    const slash = await call(app(), "/a%2Fb");
    expect(slash.status).toBe(400);
    expect(await slash.text()).not.toMatch(/at |Error/);
  });
});
