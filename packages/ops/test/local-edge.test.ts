import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalEdge, startLocalEdge } from "@edge/local-edge";
import { resolvePlatform } from "@edge/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelPaths, runPurge, runWarm, sitemapPaths, smokeChecks, warmTargets } from "../src/index.ts";

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
    // The first requests pay for cold starts (worker isolate, TLS to nginx): here, not in a test's time.
    await (await fetch(`${edge.workerUrl}/api/products?cold=1`)).arrayBuffer();
  }, 120_000);
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
    await fill(edge, "/v8-blog-standalone-wasm");
    const report = await purge({ classes: ["html"] });
    expect(report.ok).toBe(true);
    expect(report.purged[0]?.body).toEqual({ tags: ["html"], prefixes: [] });
    expect(await status(edge, "/v8-blog-standalone-wasm")).toMatch(/fwd=miss/);
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

  // A small list keeps the test short: image transforms and page minification cost seconds on a busy machine.
  const small = resolvePlatform("staging", {
    overrides: {
      images: { formats: ["webp"] },
      operations: {
        paths: {
          html: ["/v8-blog-standalone-wasm?warm=1"],
          api: ["/api/products?warm=1"],
          static: ["/assets/warm.css"],
          images: ["/images/coffee-600x400-photo.png"],
          websocket: ["/ws/"],
        },
        warm: { imageWidths: [160] },
      },
    },
  });

  it("warming fills the model's paths and each image variant, then finds them already cached", async () => {
    const targets = warmTargets(small, modelPaths(small));
    // The image × (webp, the original format) × one width; the websocket class is never warmed.
    expect(targets.map((t) => `${t.className} ${t.path} ${t.accept.split(",")[0]}`)).toEqual([
      "html /v8-blog-standalone-wasm?warm=1 text/html",
      "api /api/products?warm=1 application/json",
      "static /assets/warm.css text/html",
      "images /images/coffee-600x400-photo.png?w=160 image/webp",
      "images /images/coffee-600x400-photo.png?w=160 image/png",
    ]);
    const first = await runWarm({ platform: small, target: edge.workerUrl, targets });
    expect(first.ok).toBe(true);
    expect(first.byClass).toEqual({
      html: { hit: 0, filled: 1, uncached: 0, failed: 0 },
      api: { hit: 0, filled: 1, uncached: 0, failed: 0 },
      static: { hit: 0, filled: 1, uncached: 0, failed: 0 },
      images: { hit: 0, filled: 2, uncached: 0, failed: 0 },
    });
    const second = await runWarm({ platform: small, target: edge.workerUrl, targets });
    const hits = Object.fromEntries(Object.entries(second.byClass).map(([name, c]) => [name, c.hit]));
    expect(hits).toEqual({ html: 1, api: 1, static: 1, images: 2 });
  });

  it("warming reads the sitemap through the edge; failures above the threshold make it not ok", async () => {
    const xml = await (await fetch(`${edge.workerUrl}${small.operations.warm.sitemapPath}`)).text();
    expect(sitemapPaths(xml)).toEqual(
      expect.arrayContaining(["/", "/es6-compat-table", "/v8-blog-standalone-wasm"]),
    );
    const targets = warmTargets(small, ["/api/products?warm=1", "/no-such-page", "/api/nothing-here"]);
    const report = await runWarm({ platform: small, target: edge.workerUrl, targets });
    expect(report.byClass.html).toEqual({ hit: 0, filled: 0, uncached: 0, failed: 1 });
    expect(report.byClass.api).toEqual({ hit: 1, filled: 0, uncached: 0, failed: 1 });
    expect(report.ok).toBe(false);
    const lenient = resolvePlatform("staging", {
      overrides: { operations: { warm: { maxErrorPercent: 70 } } },
    });
    expect((await runWarm({ platform: lenient, target: edge.workerUrl, targets })).ok).toBe(true);
  });

  it("the post-deploy smoke test passes every class on the local edge, and names what is wrong", async () => {
    const results = await smokeChecks(small, edge.workerUrl);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const checked = new Set(results.map((r) => `${r.className}: ${r.check}`));
    for (const c of [
      "html: Cache-Status",
      "api: header Strict-Transport-Security",
      "images: negotiates image/webp",
    ])
      expect(checked).toContain(c);
    expect(checked).toContain("websocket: websocket handshake");
    const wrong = resolvePlatform("staging", {
      overrides: { securityHeaders: { frameOptions: "SAMEORIGIN" } },
    });
    const failures = (await smokeChecks(wrong, edge.workerUrl)).filter((r) => !r.ok);
    expect(failures.map((f) => f.check)).toContain("header X-Frame-Options");
    expect(failures.find((f) => f.check === "header X-Frame-Options")?.detail).toBe('got "DENY"');
  });
});
