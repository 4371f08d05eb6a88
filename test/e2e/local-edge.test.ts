import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalEdge, startLocalEdge } from "@edge/local-edge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].some(existsSync);

/** Sums one request line's hits over every origin of a role. */
async function originHits(edge: LocalEdge, role: string, line: string): Promise<number> {
  const stats = await Promise.all(
    edge.origins
      .filter((o) => o.role === role)
      .map((o) => o.stats().catch((): Record<string, number> => ({}))),
  );
  return stats.reduce((sum, s) => sum + (s[line] ?? 0), 0);
}

/** A request straight to the local edge's nginx (around the worker), trusting its self-signed certificate. */
function direct(edge: LocalEdge, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${edge.nginx.httpsUrl}${path}`,
      { headers, ca: readFileSync(edge.nginx.certPath), agent: false, timeout: 15_000 },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    req.end();
  });
}

describe.skipIf(!NGINX)("local edge: worker → nginx → demo origins, all on 127.0.0.1", () => {
  let edge: LocalEdge;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "edge-e2e-"));
    edge = await startLocalEdge({ workDir: dir, servers: { web: 3, api: 2, ws: 1 } });
  }, 90_000);

  afterAll(async () => {
    await edge?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves a cached API response: repeated requests reach the origin once", async () => {
    const path = `/api/products?e2e=${Date.now()}`;
    const statuses: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${edge.workerUrl}${path}`);
      expect(res.status).toBe(200);
      expect((await res.json()) as { products: unknown[] }).toHaveProperty("products");
      statuses.push(res.headers.get("cache-status"));
    }
    expect(statuses[0]).toMatch(/fwd=(uri-)?miss/i);
    expect(statuses.at(-1)).toMatch(/hit/i);
    expect(await originHits(edge, "api", `GET ${path}`)).toBe(1);
  });

  it("negotiates the image variant by Accept", async () => {
    const url = `${edge.workerUrl}/images/kodim03-768x512.png?w=320`;
    const avif = await fetch(url, { headers: { Accept: "image/avif,image/webp,*/*" } });
    expect(avif.status).toBe(200);
    expect(avif.headers.get("content-type")).toBe("image/avif");
    expect(avif.headers.get("vary")).toMatch(/accept/i);
    const avifBytes = new Uint8Array(await avif.arrayBuffer());
    expect(new TextDecoder().decode(avifBytes.slice(4, 12))).toMatch(/^ftypavi[fs]/);

    const webp = await fetch(url, { headers: { Accept: "image/webp,*/*" } });
    expect(webp.headers.get("content-type")).toBe("image/webp");
    const webpBytes = new Uint8Array(await webp.arrayBuffer());
    expect(new TextDecoder().decode(webpBytes.slice(8, 12))).toBe("WEBP");
    expect(webpBytes.length).toBeLessThan(502_888);
  });

  it("sends the security headers on pages, APIs and errors", async () => {
    for (const path of ["/", "/api/products", "/api/does-not-exist"]) {
      const res = await fetch(`${edge.workerUrl}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security"), path).toContain("max-age=63072000");
      expect(res.headers.get("content-security-policy"), path).toBeTruthy();
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("server"), path).toBeNull();
    }
    const page = await fetch(`${edge.workerUrl}/`);
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("locks the origin: nginx refuses a request around the worker, the worker's own request passes", async () => {
    const path = `/api/products?lockdown=${Date.now()}`;
    const { header, value } = edge.nginx.originAuth;
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    const without = await direct(edge, path);
    expect(without.status).toBe(403);
    expect(without.body).toMatch(/edge only/);
    expect((await direct(edge, path, { [header]: "0".repeat(64) })).status).toBe(403);
    // A client cannot smuggle its own copy through the worker either (the worker replaces it).
    expect(await originHits(edge, "api", `GET ${path}`)).toBe(0);
    const viaWorker = await fetch(`${edge.workerUrl}${path}`, { headers: { [header]: "0".repeat(64) } });
    expect(viaWorker.status).toBe(200);
    await viaWorker.arrayBuffer();
    expect(await originHits(edge, "api", `GET ${path}`)).toBe(1);
    // nginx's own health answer reaches no origin and needs no header (health checkers have no secret).
    expect((await direct(edge, "/healthz")).status).toBe(200);
  });

  it("loses no request when an upstream dies behind nginx", async () => {
    const victim = edge.origins.find((o) => o.id === "web-2")!;
    let failures = 0;
    let served = 0;
    const total = 120;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        if (i === 30) await victim.kill();
        // A distinct query per request: every one goes through to an origin.
        const res = await fetch(`${edge.workerUrl}/docs/page-${i}.html?n=${i}`).catch(() => null);
        if (!res || res.status >= 500) failures++;
        else served++;
        await res?.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures).toBe(0);
    expect(served).toBe(total);
  }, 60_000);
});
