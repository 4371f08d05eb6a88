// `handler: "proxy"` classes through every layer: the example model has none, so this adds two (one that
// bypasses, one with its own lifetime) and checks that NGINX, the worker (real workerd), Cloudflare and the ALB
// agree with the model and each other on them — above all the Cache-Control each layer sends per class.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderNginx } from "@edge/nginx";
import { type Platform, resolvePlatform } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import { buildApp } from "@edge/stacks";
import { startEdgeWorker } from "@edge/worker/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disagreements, type Layers, observeWorker } from "../support/agreement.ts";
import { readSynth, type TerraformJson } from "../support/artefacts.ts";
import { startPlainOrigin } from "../support/worker-run.ts";

const ENV = "production";

describe("proxy route classes agree across the layers", () => {
  let layers: Layers;
  let origin: Awaited<ReturnType<typeof startPlainOrigin>>;
  const out = mkdtempSync(join(tmpdir(), "edge-cross-layer-proxy-"));

  beforeAll(async () => {
    const base = resolvePlatform(ENV).routeClasses;
    // Borrow the example's pools, profiles and cache policies: the bypass one (websocket's) and a fixed one.
    const proxyClass = (from: string, prefix: string) => ({
      ...structuredClone(base[from]!),
      description: `proxied (${from}'s cache policy)`,
      handler: "proxy" as const,
      match: [{ prefix }],
    });
    const overrides = {
      routeClasses: {
        feeds: proxyClass("websocket", "/feeds/"),
        exports: proxyClass("static", "/exports/"),
      },
    };
    const platform: Platform = resolvePlatform(ENV, { overrides });
    const { app } = buildApp({
      outdir: out,
      environments: [ENV],
      layers: ["cloudflare-edge", "aws-edge"],
      overrides,
    });
    app.synth();
    const synth = readSynth(out);
    origin = await startPlainOrigin();
    const worker = await startEdgeWorker({ environment: ENV, originUrl: origin.url, platform });
    const observed = await observeWorker(worker.url, platform).finally(() => worker.dispose());
    layers = {
      platform,
      cloudflare: synth[`${ENV}-cloudflare-edge`] as TerraformJson,
      awsEdge: synth[`${ENV}-aws-edge`] as TerraformJson,
      nginx: renderNginx(platform, { brotliModule: null }),
      worker: observed,
    };
  }, 180_000);

  afterAll(async () => {
    await origin?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("the worker sends each proxy class's Cache-Control (the plain origin sends none)", () => {
    for (const [path, name] of [
      ["/feeds/sample", "feeds"],
      ["/exports/sample", "exports"],
    ] as const) {
      const seen = layers.worker[path]!;
      expect(seen.status, path).toBe(200);
      expect(seen.headers["cache-control"], path).toBe(
        cacheControlFor(layers.platform.routeClasses[name]!.cache),
      );
    }
  });

  it("no disagreement: Cache-Control per class on NGINX and the worker, classification, ALB, headers", () => {
    expect(disagreements(layers)).toEqual([]);
  });

  it("a worker that passed the origin's Cache-Control on a proxy class would be caught", () => {
    const worker = structuredClone(layers.worker);
    delete worker["/exports/sample"]!.headers["cache-control"];
    expect(disagreements({ ...layers, worker }).join("\n")).toMatch(
      /worker: \/exports\/sample is "_?\w*", the model says "exports" \(Cache-Control "undefined" ≠ model /,
    );
  });
});
