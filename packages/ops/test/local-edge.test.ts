import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalEdge, startLocalEdge } from "@edge/local-edge";
import { resolvePlatform } from "@edge/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPurge } from "../src/index.ts";

const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].some(existsSync);
const staging = resolvePlatform("staging");
const noWait = { sleep: async () => {}, baseDelayMs: 1, attempts: 2 };

/** The cache status of one GET, after reading the body (so a fill completes). */
async function status(edge: LocalEdge, path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${edge.workerUrl}${path}`, { headers });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  return res.headers.get("cache-status") ?? "";
}

/** Requests a path until the edge answers from its cache (a fill may finish after the first answer). */
async function fill(edge: LocalEdge, path: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 20; i++) if (/; hit/.test(await status(edge, path, headers))) return;
  throw new Error(`${path} never became a hit`);
}

describe.skipIf(!NGINX)("purge and warm against the local edge (worker in workerd → nginx → origins)", () => {
  let edge: LocalEdge;
  let dir: string;
  const purge = (selection: object, token = "local-purge-token") =>
    runPurge({
      platform: staging,
      selection,
      cloudflare: null,
      worker: { url: edge.workerUrl, token },
      retry: noWait,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "edge-ops-"));
    edge = await startLocalEdge({ workDir: dir, servers: { web: 1, api: 1, ws: 1 } });
  }, 90_000);
  afterAll(async () => {
    await edge?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a tag purge makes the worker's cached entry a miss; other entries stay hits", async () => {
    await fill(edge, "/api/products");
    await fill(edge, "/assets/site.css");
    const report = await purge({ tags: ["products"] });
    expect(report.ok).toBe(true);
    expect(report.skipped).toEqual(["cloudflare (no API token/zone: local edge only)"]);
    expect(await status(edge, "/api/products")).toMatch(/fwd=miss/);
    expect(await status(edge, "/assets/site.css")).toMatch(/; hit/);
  });

  it("a class purge reaches pages through the tags the origin sends for the class (operations.classTags)", async () => {
    await fill(edge, "/backbonejs-docs");
    const report = await purge({ classes: ["html"] });
    expect(report.ok).toBe(true);
    expect(report.purged[0]?.body).toEqual({ tags: ["html"], prefixes: [] });
    expect(await status(edge, "/backbonejs-docs")).toMatch(/fwd=miss/);
  });

  it("a URL purge drops image variants of that source (every format and width)", async () => {
    const path = "/images/coffee-600x400-photo.png?w=320";
    await fill(edge, path, { Accept: "image/webp" });
    const report = await purge({ urls: [`https://${staging.zone.domain}/images/coffee-600x400-photo.png`] });
    expect(report.ok).toBe(true);
    expect(await status(edge, path, { Accept: "image/webp" })).not.toMatch(/; hit/);
  });

  it("a wrong token is refused (401) and reported as not purged; the entry stays cached", async () => {
    await fill(edge, "/api/products");
    const report = await purge({ tags: ["products"] }, "wrong-token");
    expect(report.ok).toBe(false);
    expect(report.purged).toEqual([]);
    expect(report.failed[0]?.result.error).toMatch(/^HTTP 401: purge: bad or missing bearer token/);
    expect(await status(edge, "/api/products")).toMatch(/; hit/);
  });
});
