// The origin lockdown on a real nginx: only the edge's header with an accepted value reaches a pool, the
// application never sees it, and a rotation (add next → reload → drop current → reload) refuses nothing valid.
import { connect as h2Connect } from "node:http2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { writeOriginAuthValues } from "../src/index.ts";
import { newOriginAuthValue } from "../src/local/index.ts";
import { originAuthHeaders, type Reply, request } from "./support/http.ts";
import { type Nginx, NO_NGINX, startNginx, startUpstreams, type Upstream } from "./support/processes.ts";

const CURRENT = newOriginAuthValue();
const NEXT = newOriginAuthValue();
const REFUSAL = "forbidden: this origin answers requests from the edge only\n";
const lifted = { rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } } };

const withValue = (nginx: Nginx, path: string, value: string) =>
  request(nginx, path, { headers: { [nginx.originAuth.header]: value } });
const gets = async (upstreams: Upstream[]) => {
  const stats = await Promise.all(
    upstreams.map(
      async (u) =>
        (await (await fetch(`http://127.0.0.1:${u.port}/__stats`)).json()) as {
          counts: Record<string, number>;
        },
    ),
  );
  return stats.reduce((sum, s) => sum + (s.counts.GET ?? 0), 0);
};
const upgrade = (nginx: Nginx, headers: Record<string, string>) =>
  new Promise<{ status: number } | { names: string[] }>((resolve, reject) => {
    const ws = new WebSocket(`wss://127.0.0.1:${nginx.httpsPort}/ws/chat`, { ca: nginx.cert, headers });
    ws.once("unexpected-response", (_, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once("open", () => ws.send("headers?"));
    ws.once("message", (data) => {
      resolve({ names: JSON.parse(data.toString()) as string[] });
      ws.close();
    });
    ws.once("error", reject);
  });

describe.skipIf(NO_NGINX)("origin lockdown on a real nginx", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;

  beforeAll(async () => {
    upstreams = await startUpstreams(1, "oa");
    nginx = await startNginx(upstreams, lifted, {}, [CURRENT]);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("proxies a request carrying an accepted value, and the application never sees the header", async () => {
    const reply = await request(nginx, "/api/me");
    expect(reply.status).toBe(200);
    const seen = JSON.parse(reply.text) as { headerNames: string[] };
    expect(seen.headerNames).toContain("x-forwarded-for");
    expect(seen.headerNames).not.toContain("x-origin-auth");
    // Header names are case-insensitive: another spelling is the same header, and is blanked too.
    const spelled = await request(nginx, "/api/me", {
      headers: { "x-ORIGIN-auth": CURRENT },
      originAuth: false,
    });
    expect(spelled.status).toBe(200);
    expect((JSON.parse(spelled.text) as { headerNames: string[] }).headerNames).not.toContain(
      "x-origin-auth",
    );
  });

  it("answers 403 with a short reason, and contacts no pool, without the header or with a wrong value", async () => {
    const before = await gets(upstreams);
    const refused: [string, Reply][] = [
      ["missing", await request(nginx, "/api/me", { originAuth: false })],
      ["empty", await withValue(nginx, "/api/me", "")],
      ["another value", await withValue(nginx, "/api/me", NEXT)],
      ["a prefix of it", await withValue(nginx, "/", CURRENT.slice(0, 63))],
      ["it with more", await withValue(nginx, "/", `${CURRENT}0`)],
      ["a wildcard", await withValue(nginx, "/images/x.png", "*")],
      ["the header name", await withValue(nginx, "/ws/chat", "X-Origin-Auth")],
    ];
    for (const [label, reply] of refused) {
      expect(reply.status, label).toBe(403);
      expect(reply.text, label).toBe(REFUSAL);
      expect(reply.headers["content-type"], label).toMatch(/^text\/plain/);
      expect(reply.headers["strict-transport-security"], label).toContain("max-age=");
      expect(reply.headers["x-upstream"], label).toBeUndefined();
    }
    expect(await gets(upstreams)).toBe(before);
  });

  it("refuses HTTP/2 and WebSocket upgrades without the header, and strips it from an accepted upgrade", async () => {
    const session = h2Connect(`https://127.0.0.1:${nginx.httpsPort}`, { ca: nginx.cert });
    const h2 = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({ ":path": "/api/h2", ...headers });
        stream.on("response", (h) => resolve(Number(h[":status"])));
        stream.on("error", reject);
        stream.resume();
      });
    expect(await h2({})).toBe(403);
    expect(await h2(originAuthHeaders(nginx))).toBe(200);
    session.close();

    expect(await upgrade(nginx, {})).toEqual({ status: 403 });
    const accepted = await upgrade(nginx, originAuthHeaders(nginx));
    expect(accepted).toHaveProperty("names");
    expect((accepted as { names: string[] }).names).toContain("upgrade");
    expect((accepted as { names: string[] }).names).not.toContain("x-origin-auth");
  });

  it("exempts nginx's own answers that reach no pool: /healthz and the HTTP → HTTPS redirect", async () => {
    expect((await request(nginx, "/healthz", { originAuth: false })).text).toBe("ok\n");
    expect((await request(nginx, "/healthz", { plain: true, originAuth: false })).text).toBe("ok\n");
    expect((await request(nginx, "/cart", { plain: true, originAuth: false })).status).toBe(301);
  });

  it("rotates without refusing a valid request: add next, reload, drop current, reload", async () => {
    const reload = (values: string[]) => {
      writeOriginAuthValues(nginx.dir, values);
      process.kill(nginx.pid, "SIGHUP"); // nginx -s reload, sent to the master this test started
    };
    // Old workers finish their connections after a reload: poll (fresh connections, bounded) until the new
    // configuration answers, and check every answer on the way.
    const until = async (value: string, status: number, alsoCheck?: () => Promise<void>) => {
      for (let i = 0; i < 400; i++) {
        await alsoCheck?.();
        if ((await withValue(nginx, "/api/me", value)).status === status) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`nginx never answered ${status} after the reload`);
    };

    // 1) Accept both: the current value keeps working while the next one starts to.
    reload([CURRENT, NEXT]);
    await until(NEXT, 200, async () => {
      expect((await withValue(nginx, "/api/me", CURRENT)).status).toBe(200);
    });
    // 2) The worker switches to NEXT (wrangler secret put). 3) Drop CURRENT: NEXT is never refused meanwhile.
    reload([NEXT]);
    await until(CURRENT, 403, async () => {
      expect((await withValue(nginx, "/api/me", NEXT)).status).toBe(200);
    });
    expect((await withValue(nginx, "/api/me", NEXT)).status).toBe(200);
    expect((await withValue(nginx, "/api/me", CURRENT)).text).toBe(REFUSAL);
  });
});
