import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepAliveAgent, load, request } from "./support/http.ts";
import { type Nginx, NO_NGINX, startNginx, startUpstreams, type Upstream } from "./support/processes.ts";

const tally = (names: (string | undefined)[]) =>
  names.reduce<Record<string, number>>((acc, n) => {
    acc[String(n)] = (acc[String(n)] ?? 0) + 1;
    return acc;
  }, {});

describe.skipIf(NO_NGINX)("balancing and failover through a real nginx", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;

  beforeAll(async () => {
    upstreams = await startUpstreams(3, "b");
    // The per-IP limit would throttle the load below (every client is 127.0.0.1); protection.test.ts covers it.
    nginx = await startNginx(upstreams, {
      rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } },
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("spreads requests evenly over the three servers", async () => {
    const agent = keepAliveAgent(nginx, 1);
    const api: string[] = [];
    for (let i = 0; i < 30; i++) {
      const reply = await request(nginx, `/api/items?i=${i}`, { agent });
      expect(reply.status).toBe(200);
      api.push(reply.headers["x-upstream"] as string);
    }
    agent.destroy();
    // least_conn with one request at a time ties every time: servers are taken in turn.
    expect(tally(api)).toEqual({ b1: 10, b2: 10, b3: 10 });

    // The web pool (sticky on lb_web): clients without the cookie are spread too.
    const web = await load(60, 6, () => request(nginx, "/products/shoes"));
    expect(web.every((r) => r.status === 200)).toBe(true);
    const counts = tally(web.map((r) => r.headers["x-upstream"] as string));
    expect(Object.keys(counts).sort()).toEqual(["b1", "b2", "b3"]);
  });

  it("loses no GET when a server is killed (by PID) during a bounded load", async () => {
    const agent = keepAliveAgent(nginx, 8);
    const victim = upstreams[1]!;
    let killing = false;
    // The first request sent once the victim had exited: from there on, no reply can come from it. Found by
    // index, not by a fixed cut, because the other workers keep sending while one waits for the kill.
    let dead = false;
    let firstAfterDeath: number | undefined;
    const replies = await load(
      600,
      8,
      (i) => {
        if (dead) firstAfterDeath ??= i;
        return request(nginx, i % 2 ? `/api/items/${i}` : `/catalog/item-${i}`, { agent });
      },
      async (done) => {
        if (!killing && done >= 150) {
          killing = true;
          await victim.kill();
          dead = true;
        }
      },
    );
    agent.destroy();
    expect(dead).toBe(true);
    const failed = replies.filter((r) => r.status !== 200);
    expect(failed.map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
    expect(firstAfterDeath).toBeDefined();
    const after = tally(replies.slice(firstAfterDeath).map((r) => r.headers["x-upstream"] as string));
    expect(after[victim.name]).toBeUndefined();
    expect(Object.keys(after).sort()).toEqual(["b1", "b3"]);
  });
});
