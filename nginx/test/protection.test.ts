import { connect as h2Connect } from "node:http2";
import { connect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepAliveAgent, originAuthHeaders, request } from "./support/http.ts";
import { type Nginx, NO_NGINX, startNginx, startUpstreams, type Upstream } from "./support/processes.ts";

const HEADER_TIMEOUT = 1;
const MAX_BODY = 64 * 1024;
const RATE = 5;
const BURST = 10;
const CONNECTIONS_PER_IP = 3;

type Handshake = { protocol: string | null; alpn: string | false | null } | { error: string };

const handshake = (nginx: Nginx, options: Record<string, unknown>) =>
  new Promise<Handshake>((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port: nginx.httpsPort, ca: nginx.cert, ...options });
    socket.once("secureConnect", () => {
      resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol });
      socket.destroy();
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: `${error.code} ${error.message}` }),
    );
  });

describe.skipIf(NO_NGINX)("protection: limits, timeouts and TLS on a real nginx", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;

  beforeAll(async () => {
    upstreams = await startUpstreams(2, "p");
    nginx = await startNginx(upstreams, {
      rateLimits: {
        loadBalancer: { requestsPerSecond: RATE, burst: BURST, connectionsPerIp: CONNECTIONS_PER_IP },
      },
      waf: { maxBodyBytes: MAX_BODY },
      // Trust the test client as if it were Cloudflare, so CF-Connecting-IP names the client.
      loadBalancer: {
        clientTimeouts: { headerSeconds: HEADER_TIMEOUT },
        realIp: { header: "CF-Connecting-IP", trustedProxies: ["127.0.0.1/32"] },
      },
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("redirects HTTP to HTTPS and answers /healthz on both", async () => {
    const redirect = await request(nginx, "/cart?x=1", { plain: true });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://127.0.0.1:${nginx.httpsPort}/cart?x=1`);
    expect((await request(nginx, "/healthz", { plain: true })).text).toBe("ok\n");
    const health = await request(nginx, "/healthz");
    expect(health.status).toBe(200);
    expect(health.headers.server).toBe("nginx");
    // The edge must never cache a health answer, and the server's security headers still apply.
    expect(health.headers["cache-control"]).toBe("no-cache");
    expect(health.headers["strict-transport-security"]).toContain("max-age=");
  });

  it("refuses a body above waf.maxBodyBytes with 413 and passes one below", async () => {
    const small = await request(nginx, "/api/upload", {
      method: "POST",
      body: Buffer.alloc(MAX_BODY - 1024),
    });
    expect(small.status).toBe(200);
    expect(JSON.parse(small.text).bodyBytes).toBe(MAX_BODY - 1024);
    const big = await request(nginx, "/api/upload", { method: "POST", body: Buffer.alloc(MAX_BODY + 1) });
    expect(big.status).toBe(413);
    expect(big.headers["strict-transport-security"]).toBeDefined();
  });

  it("drops a client that sends its headers too slowly", async () => {
    // A header that never ends (one more pad byte every 100 ms): only nginx's header timeout can end this
    // connection, so the outcome does not depend on how fast the machine is. The guard is a bound on hanging.
    const outcome = await new Promise<{ closedBy: "nginx" | "guard"; received: string }>((resolve) => {
      const socket = connect(nginx.httpPort, "127.0.0.1");
      let received = "";
      let closedBy: "nginx" | "guard" = "nginx";
      socket.write("GET /api/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ");
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write("a");
      }, 100);
      const guard = setTimeout(
        () => {
          closedBy = "guard";
          socket.destroy();
        },
        (HEADER_TIMEOUT + 20) * 1000,
      );
      socket.on("data", (d) => {
        received += d.toString();
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        clearTimeout(guard);
        resolve({ closedBy, received });
      });
    });
    expect(outcome).toEqual({ closedBy: "nginx", received: "" });
  });

  it("refuses TLS 1.1, speaks TLS 1.2 and 1.3, and offers HTTP/2", async () => {
    const old = await handshake(nginx, {
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    expect(old).toHaveProperty("error");
    expect((old as { error: string }).error).toMatch(
      /PROTOCOL_VERSION|protocol version|unsupported protocol/i,
    );
    expect(await handshake(nginx, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2" })).toMatchObject({
      protocol: "TLSv1.2",
    });
    expect(await handshake(nginx, { minVersion: "TLSv1.3", ALPNProtocols: ["h2", "http/1.1"] })).toEqual({
      protocol: "TLSv1.3",
      alpn: "h2",
    });

    const session = h2Connect(`https://127.0.0.1:${nginx.httpsPort}`, { ca: nginx.cert });
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request({ ":path": "/api/h2", ...originAuthHeaders(nginx) });
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", reject);
      stream.resume();
    });
    session.close();
    expect(status).toBe(200);
  });

  it("takes the client address from CF-Connecting-IP only from a trusted proxy", async () => {
    const reply = await request(nginx, "/api/whoami", { headers: { "CF-Connecting-IP": "203.0.113.9" } });
    expect(JSON.parse(reply.text).forwardedFor).toBe("203.0.113.9");
  });

  it("answers 429 above connectionsPerIp requests in progress", async () => {
    // The upstreams hold every admitted request until released, so the admitted ones are still in progress
    // when the others arrive, however slowly the machine sends them: exactly CONNECTIONS_PER_IP get through.
    const client = { "CF-Connecting-IP": "198.51.100.20" };
    const total = CONNECTIONS_PER_IP * 2;
    const early: number[] = [];
    let refusedAll: () => void = () => {};
    const refused = new Promise<void>((resolve) => {
      refusedAll = resolve;
    });
    const pending = Array.from({ length: total }, () =>
      request(nginx, "/api/slow?hold=conn", { headers: client }).then((reply) => {
        early.push(reply.status);
        if (early.length === total - CONNECTIONS_PER_IP) refusedAll();
        return reply;
      }),
    );
    await refused;
    // Only refusals can come back while the upstreams hold the admitted requests.
    expect(early).toEqual(Array(total - CONNECTIONS_PER_IP).fill(429));
    await Promise.all(upstreams.map((u) => fetch(`http://127.0.0.1:${u.port}/__release?hold=conn`)));
    const statuses = (await Promise.all(pending)).map((r) => r.status).sort();
    expect(statuses).toEqual([
      ...Array(CONNECTIONS_PER_IP).fill(200),
      ...Array(total - CONNECTIONS_PER_IP).fill(429),
    ]);
    expect(nginx.errorLog()).toMatch(
      /limiting connections by zone "per_ip_connections".*client: 198\.51\.100\.20/,
    );
  });

  it("answers 429 above the per-IP rate, per real client (last: it drains the bucket)", async () => {
    // limit_req is checked before limit_conn: with more requests in flight than CONNECTIONS_PER_IP, requests the
    // rate admitted could still be refused by limit_conn — on a busy machine only 3 passed. Fewer in flight than
    // that limit keeps limit_conn out, so what passes is the bucket's arithmetic alone: a fresh bucket
    // (nodelay) admits BURST + 1 at once, then RATE per second.
    const client = { "CF-Connecting-IP": "198.51.100.7" };
    const inFlight = CONNECTIONS_PER_IP - 1;
    const agent = keepAliveAgent(nginx, inFlight);
    const statuses: number[] = [];
    const started = Date.now();
    // Send until the rate refuses one (bounded): the client outruns the refill unless each request takes
    // longer than inFlight / RATE seconds.
    const sender = async () => {
      while (statuses.length < 300 && !statuses.includes(429)) {
        statuses.push((await request(nginx, "/api/burst", { headers: client, agent })).status);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, sender));
    const seconds = (Date.now() - started) / 1000;
    agent.destroy();
    const passed = statuses.filter((s) => s === 200).length;
    expect(passed).toBeGreaterThanOrEqual(BURST + 1);
    // At most the burst plus what the rate refilled while the loop ran (+1 for the bucket's edges).
    expect(passed).toBeLessThanOrEqual(BURST + 1 + Math.ceil(RATE * seconds) + 1);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(nginx.errorLog()).toMatch(/limiting requests.*client: 198\.51\.100\.7/);
    // Another client behind the same proxy has its own budget.
    const other = await request(nginx, "/api/burst", { headers: { "CF-Connecting-IP": "198.51.100.8" } });
    expect(other.status).toBe(200);
  });
});
