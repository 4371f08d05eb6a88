// Isolated: a fresh app per case with marker handlers. Through the worker: test/classify.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call } from "../../../test/support/isolated.ts";
import { policyFor } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";
import { classify, dispatchByClass } from "./index.ts";

describe("classify and dispatch (isolated)", () => {
  it("sets c.var.route from the model's classes and hands the request to its class's handler", async () => {
    const app = new Hono<EdgeEnv>()
      .use(classify(policyFor("production").routeClasses))
      .use(dispatchByClass({ api: (c) => Promise.resolve(c.text(`api:${c.get("route").className}`)) }));
    app.all("*", (c) => c.text(`fallthrough:${c.get("route").className}`));
    expect(await (await call(app, "/api/products")).text()).toBe("api:api");
    expect(await (await call(app, "/no-class-here.xyz")).text()).toBe("fallthrough:default");
  });
});
