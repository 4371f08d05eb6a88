// Isolated: a fresh app per case and a stubbed origin. Through the worker: test/proxy.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call, stubOrigin } from "../../../test/support/isolated.ts";
import { policyFor } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";
import { proxy } from "./index.ts";

describe("proxy (isolated)", () => {
  it("forwards method, body and headers minus hop-by-hop and untrusted ones", async () => {
    const { origin, seen } = stubOrigin(async (req) => new Response(`got ${await req.text()}`));
    const app = new Hono<EdgeEnv>().use(proxy({ origin }));
    const res = await call(app, "/x?y=1", {
      method: "PUT",
      body: "payload",
      headers: { "X-Custom": "1", "X-Original-URL": "/admin", Connection: "close" },
    });
    expect(await res.text()).toBe("got payload");
    const req = seen[0]!;
    expect([req.method, req.url]).toEqual(["PUT", "http://origin.test/x?y=1"]);
    expect(req.headers.get("x-custom")).toBe("1");
    expect(req.headers.get("x-original-url")).toBeNull();
    expect(req.headers.get("x-forwarded-host")).toBe("example.com");
  });

  it("turns an origin failure into a clean 502, and the response is editable", async () => {
    const { origin } = stubOrigin(() => {
      throw new TypeError("reset");
    });
    const app = new Hono<EdgeEnv>().use(proxy({ origin }));
    const res = await call(app, "/down");
    expect([res.status, await res.text()]).toEqual([502, "origin unreachable\n"]);
    res.headers.set("x-check", "1");
  });
});

describe("proxy (isolated): Cache-Control", () => {
  const originSays = () =>
    stubOrigin(() => new Response("x", { headers: { "Cache-Control": "public, max-age=60" } })).origin;
  const bypass = Object.values(policyFor("production").routeClasses).find(
    (rc) => rc.cache.mode === "bypass",
  )!.cache;

  it("with a class's cache policy, sends the class's value", async () => {
    const app = new Hono<EdgeEnv>().use(proxy({ origin: originSays(), cache: bypass }));
    expect((await call(app, "/x")).headers.get("cache-control")).toBe("no-store");
  });

  it("without one (the default route), keeps the origin's", async () => {
    const app = new Hono<EdgeEnv>().use(proxy({ origin: originSays() }));
    expect((await call(app, "/x")).headers.get("cache-control")).toBe("public, max-age=60");
  });
});
