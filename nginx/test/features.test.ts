import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { cacheControlFor, securityHeadersFor } from "@edge/platform/headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { originAuthHeaders, request } from "./support/http.ts";
import {
  BROTLI,
  type Nginx,
  NO_NGINX,
  startNginx,
  startUpstreams,
  type Upstream,
} from "./support/processes.ts";

const run = promisify(execFile);

/** The observatory is installed without its postinstall (which downloads lists): give it the empty preload list. */
function observatoryScript(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve("@mdn/mdn-http-observatory/package.json"));
  const preload = join(pkg, "conf", "hsts-preload.json");
  if (!existsSync(preload)) writeFileSync(preload, "{}\n");
  return new URL("./support/observatory.mjs", import.meta.url).pathname;
}

describe.skipIf(NO_NGINX)("headers, compression, WebSocket, logs and the Observatory grade", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;

  beforeAll(async () => {
    upstreams = await startUpstreams(2, "f");
    nginx = await startNginx(upstreams, {
      rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } },
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("sends each class's security headers and Cache-Control, and hides upstream headers", async () => {
    const p = nginx.platform;
    const page = await request(nginx, "/about?type=text/html");
    const document = securityHeadersFor(p.securityHeaders, "document");
    expect(page.headers["content-security-policy"]).toBe(document["Content-Security-Policy"]);
    expect(page.headers["content-security-policy"]).not.toContain("nonce");
    expect(page.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains; preload");
    expect(page.headers["cache-control"]).toBe(cacheControlFor(p.routeClasses.html!.cache));
    expect(page.headers["x-powered-by"]).toBeUndefined();
    // An upstream's own CSP is replaced by the model's, not sent twice.
    const own = await request(nginx, "/about?type=text/html&csp=default-src%20*");
    expect(own.headers["content-security-policy"]).toBe(document["Content-Security-Policy"]);

    const asset = await request(nginx, "/js/app.3f2a1b9c.js?cc=no-cache");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, stale-if-error=86400, immutable");
    expect(asset.headers["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );

    // api respects the origin's Cache-Control when there is one.
    expect((await request(nginx, "/api/me?cc=private,%20no-store")).headers["cache-control"]).toBe(
      "private, no-store",
    );
    // Errors carry the security headers (always) but never a cacheable Cache-Control.
    const error = await request(nginx, "/assets/missing.css?status=404");
    expect(error.status).toBe(404);
    expect(error.headers["x-content-type-options"]).toBe("nosniff");
    expect(error.headers["cache-control"]).toBeUndefined();
    // CF-Connecting-IP from an untrusted peer (127.0.0.1 is no Cloudflare address) is ignored.
    const spoofed = await request(nginx, "/api/whoami", { headers: { "CF-Connecting-IP": "203.0.113.9" } });
    expect(JSON.parse(spoofed.text).forwardedFor).toBe("127.0.0.1");
    // Dotfiles never reach a pool.
    expect((await request(nginx, "/.env")).status).toBe(403);
  });

  it("compresses above compression.minSizeBytes only: brotli when the module loads, else gzip", async () => {
    const min = nginx.platform.compression.minSizeBytes;
    const big = await request(nginx, `/api/report?size=${min * 4}`, {
      headers: { "Accept-Encoding": "br, gzip" },
    });
    const expected = BROTLI ? "br" : "gzip";
    expect(big.headers["content-encoding"]).toBe(expected);
    const plain = expected === "br" ? brotliDecompressSync(big.body) : gunzipSync(big.body);
    expect(plain.length).toBe(min * 4);
    expect(big.body.length).toBeLessThan(min);

    const gz = await request(nginx, `/api/report?size=${min * 4}`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).length).toBe(min * 4);

    const small = await request(nginx, `/api/report?size=${min - 1}`, {
      headers: { "Accept-Encoding": "br, gzip" },
    });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.length).toBe(min - 1);

    const image = await request(nginx, `/images/x.png?size=${min * 4}&type=image/png`, {
      headers: { "Accept-Encoding": "br, gzip" },
    });
    expect(image.headers["content-encoding"]).toBeUndefined();
  });

  it("passes a WebSocket upgrade through to the ws pool", async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${nginx.httpsPort}/ws/chat`, {
      ca: nginx.cert,
      headers: originAuthHeaders(nginx),
    });
    const echoed = await new Promise<string>((resolve, reject) => {
      ws.once("open", () => ws.send("ping"));
      ws.once("message", (data) => resolve(data.toString()));
      ws.once("error", reject);
    });
    ws.close();
    expect(echoed).toMatch(/^f[12]:ping$/);
  });

  it("writes JSON access logs with the upstream address and timings", async () => {
    await request(nginx, "/api/logged?marker=1");
    const find = () =>
      nginx
        .accessLog()
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((entry) => entry.uri === "/api/logged?marker=1");
    // The log is buffered (flush=1s): poll, bounded well above the flush interval (a busy machine runs late).
    let line = find();
    for (let i = 0; i < 200 && !line; i++) {
      await new Promise((r) => setTimeout(r, 100));
      line = find();
    }
    expect(line).toMatchObject({ method: "GET", status: 200, tls: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(line!.upstream_addr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Number(line!.upstream_response_time)).toBeGreaterThanOrEqual(0);
    expect(line!.upstream_connect_time).toMatch(/^\d+\.\d{3}$/);
  });

  it("grades A+ on the MDN HTTP Observatory", async () => {
    const { stdout } = await run(
      process.execPath,
      [observatoryScript(), "127.0.0.1", String(nginx.httpPort), String(nginx.httpsPort)],
      {
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: nginx.certPath,
          // Graded as the edge sees it: the Observatory's requests carry the origin-auth header.
          OBSERVATORY_HEADER: `${nginx.originAuth.header}: ${nginx.originAuth.value}`,
        },
        timeout: 30_000,
      },
    );
    const report = JSON.parse(stdout) as { grade: string; score: number; verified: boolean; tests: object };
    expect(report.verified).toBe(true);
    expect(report, JSON.stringify(report.tests)).toMatchObject({ grade: "A+" });
  });
});
