// Isolated: a fresh app and purge log per case. Through the worker (real entries purged): test/purge.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call, freshCache, freshPurgeLog } from "../../../test/support/isolated.ts";
import type { EdgeEnv } from "../../types.ts";
import { purge } from "./index.ts";

const TOKEN = "test-purge-token-0123456789"; // vitest.config.ts binds it as the PURGE_TOKEN secret

async function setup() {
  const purgeLog = freshPurgeLog();
  const cache = await freshCache();
  const app = new Hono<EdgeEnv>().use(purge({ path: "/__purge", purgeLog, cache }));
  app.all("*", (c) => c.text("next"));
  return { app, purgeLog };
}

const post = (body: unknown, token = TOKEN) => ({
  method: "POST",
  headers: { Authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

describe("purge (isolated)", () => {
  it("records tags and prefixes in the log it was given", async () => {
    const { app, purgeLog } = await setup();
    const before = Date.now() - 1;
    const res = await call(app, "/__purge", post({ tags: ["t1"], prefixes: ["/api/"] }));
    expect(res.status).toBe(200);
    expect(purgeLog.isPurged("/api/x", "", before)).toBe(true);
    expect(purgeLog.isPurged("/other", "t1", before)).toBe(true);
    expect(purgeLog.isPurged("/other", "t2", before)).toBe(false);
  });

  it("refuses a wrong token (401) and bad bodies (400), and leaves other paths alone", async () => {
    const { app } = await setup();
    expect((await call(app, "/__purge", post({ tags: ["t"] }, "wrong"))).status).toBe(401);
    const bad = await call(app, "/__purge", post({ prefixes: ["no-slash"] }));
    expect([bad.status, await bad.text()]).toEqual([400, 'purge: prefixes: invalid entry "no-slash"\n']);
    expect(await (await call(app, "/elsewhere")).text()).toBe("next");
  });
});
