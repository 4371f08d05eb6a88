// Isolated: a fresh app per case and a stubbed origin. The real upgrade and frames: test/websocket.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call, stubOrigin } from "../../../test/support/isolated.ts";
import { policyFor } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";
import { websocket } from "./index.ts";

const cache = Object.values(policyFor("production").routeClasses).find(
  (rc) => rc.handler === "websocket",
)!.cache;

describe("websocket (isolated)", () => {
  it("refuses an upgrade that is not a GET with 400, without asking the origin", async () => {
    const { origin, seen } = stubOrigin(() => new Response("never"));
    const app = new Hono<EdgeEnv>().use(websocket({ origin, cache }));
    const res = await call(app, "/ws", { method: "POST", headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(400);
    expect(seen.length).toBe(0);
  });

  it("proxies other requests of the class with the class's Cache-Control", async () => {
    const { origin } = stubOrigin(
      () => new Response("poll", { headers: { "Cache-Control": "public, max-age=60" } }),
    );
    const app = new Hono<EdgeEnv>().use(websocket({ origin, cache }));
    const res = await call(app, "/socket.io/?EIO=4&transport=polling");
    expect(await res.text()).toBe("poll");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
