import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "./support/http.ts";
import { type Nginx, NO_NGINX, startNginx, startUpstreams, type Upstream } from "./support/processes.ts";

const serverFor = async (nginx: Nginx, cookie: string) => {
  const reply = await request(nginx, "/account/orders", { headers: { Cookie: cookie } });
  expect(reply.status).toBe(200);
  return reply.headers["x-upstream"] as string;
};

/** How many requests of `method` the given upstreams have seen (asked directly, not through nginx). */
const served = async (upstreams: Upstream[], method: string) => {
  let total = 0;
  for (const u of upstreams) {
    const res = await fetch(`http://127.0.0.1:${u.port}/__stats`);
    total += ((await res.json()) as { counts: Record<string, number> }).counts[method] ?? 0;
  }
  return total;
};

describe.skipIf(NO_NGINX)("cookie affinity and retries through a real nginx", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;
  const killed = new Set<string>();

  beforeAll(async () => {
    upstreams = await startUpstreams(3, "a");
    nginx = await startNginx(upstreams, {
      rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } },
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("issues the LB cookie to a session and keeps the client on the server that served it", async () => {
    const first = await request(nginx, "/account", { headers: { Cookie: "session=s1" } });
    const setCookie = String(first.headers["set-cookie"]);
    expect(setCookie).toMatch(/^lb_web=[0-9a-f]{32}; Path=\/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax$/);
    const lb = setCookie.split(";")[0]!;
    for (let i = 0; i < 5; i++) {
      expect(await serverFor(nginx, `session=s1; ${lb}`)).toBe(first.headers["x-upstream"]);
    }
    // Cacheable responses never carry it (a Set-Cookie would stop the edge from caching them).
    const anonymous = await request(nginx, "/account");
    expect(anonymous.headers["set-cookie"]).toBeUndefined();
  });

  it("holds each cookie on one server and moves only the cookies of a server that dies", async () => {
    const cookies = Array.from({ length: 24 }, (_, i) => `lb_web=client-${i}`);
    const before = new Map<string, string>();
    for (const c of cookies) {
      const server = await serverFor(nginx, c);
      expect(await serverFor(nginx, c)).toBe(server);
      before.set(c, server);
    }
    expect(new Set(before.values()).size).toBeGreaterThan(1);

    const victim = upstreams.find((u) => [...before.values()].includes(u.name))!;
    await victim.kill();
    killed.add(victim.name);
    for (const c of cookies) {
      const now = await serverFor(nginx, c);
      expect(await serverFor(nginx, c)).toBe(now);
      if (before.get(c) === victim.name) expect(now).not.toBe(victim.name);
      else expect(now).toBe(before.get(c));
    }
  });

  it("retries a failing GET on the next server but never a POST", async () => {
    const alive = upstreams.filter((u) => !killed.has(u.name));
    expect(alive.length).toBeGreaterThanOrEqual(2);
    const postsBefore = await served(alive, "POST");
    const post = await request(nginx, "/api/orders?status=503", { method: "POST", body: "{}" });
    expect(post.status).toBe(503);
    expect(post.headers["x-upstream"]).toBeDefined();
    expect((await served(alive, "POST")) - postsBefore).toBe(1);

    // A GET answered 503 is tried on every live server (bounded by nextUpstreamTries) before nginx gives up.
    const getsBefore = await served(alive, "GET");
    const get = await request(nginx, "/api/orders?status=503");
    // 503 from the last live server, or 502 when the last try was the dead one.
    expect([502, 503]).toContain(get.status);
    expect((await served(alive, "GET")) - getsBefore).toBe(alive.length);
  });
});
