import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderNginx } from "@edge/nginx";
import { type Platform, resolvePlatform } from "@edge/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disagreements, type Layers, SAMPLE_PATHS, type WorkerObservation } from "../support/agreement.ts";
import { readSynth, type TerraformJson } from "../support/artefacts.ts";
import { startPlainOrigin, startWorker } from "../support/worker-run.ts";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const ENV = "production";

/** Reads what the real renderers produced for one environment: synth JSON, nginx files, worker responses. */
describe("the three renderers agree with the model and each other", () => {
  let layers: Layers;
  let out: string;
  let origin: Awaited<ReturnType<typeof startPlainOrigin>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "edge-cross-layer-"));
    // The real synth (policy pack included), in its own process, like `pnpm synth`.
    execFileSync(
      process.execPath,
      ["--disable-warning=DEP0044", "src/main.ts", "--env", ENV, "--outdir", out],
      {
        cwd: join(ROOT, "stacks"),
        stdio: "pipe",
      },
    );
    const synth = readSynth(out);
    const platform: Platform = resolvePlatform(ENV);
    origin = await startPlainOrigin();
    worker = await startWorker(ENV, origin.url);
    const observed: Record<string, WorkerObservation> = {};
    for (const path of SAMPLE_PATHS) {
      const res = await fetch(`${worker.url}${path}`, { headers: { Accept: "image/webp,*/*" } });
      await res.arrayBuffer();
      observed[path] = { status: res.status, headers: Object.fromEntries(res.headers) };
    }
    layers = {
      platform,
      cloudflare: synth[`${ENV}-cloudflare-edge`] as TerraformJson,
      awsEdge: synth[`${ENV}-aws-edge`] as TerraformJson,
      nginx: renderNginx(platform, { brotliModule: null }),
      worker: observed,
    };
  }, 120_000);

  afterAll(async () => {
    await worker?.dispose();
    await origin?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("serves every sample path through the worker without a 5xx", () => {
    for (const path of SAMPLE_PATHS) expect(layers.worker[path]!.status, path).toBeLessThan(500);
  });

  it("has no disagreement: cache numbers, classification, ALB actions and security headers", () => {
    expect(disagreements(layers)).toEqual([]);
  });

  describe("a value changed in one renderer (not the model) is caught", () => {
    const mutate = <T>(value: T, edit: (copy: T) => void): T => {
      const copy = structuredClone(value);
      edit(copy);
      return copy;
    };

    it("nginx: a different Cache-Control for static files", () => {
      const nginx = mutate(layers.nginx, (f) => {
        f["nginxconfig/routes/static.conf"] = f["nginxconfig/routes/static.conf"]!.replace(
          "max-age=31536000",
          "max-age=3600",
        );
      });
      expect(disagreements({ ...layers, nginx }).join("\n")).toMatch(/nginx: static Cache-Control/);
    });

    it("nginx: a route class moved to another prefix", () => {
      const nginx = mutate(layers.nginx, (f) => {
        f["nginxconfig/locations.conf"] = f["nginxconfig/locations.conf"]!.replace(
          "location ^~ /api/",
          "location ^~ /apiv2/",
        );
      });
      expect(disagreements({ ...layers, nginx }).join("\n")).toMatch(/nginx: \/api\/products is/);
    });

    it("nginx: a weaker security header", () => {
      const nginx = mutate(layers.nginx, (f) => {
        f["nginxconfig/security/api.conf"] = f["nginxconfig/security/api.conf"]!.replace(
          "X-Frame-Options DENY",
          "X-Frame-Options SAMEORIGIN",
        );
      });
      expect(disagreements({ ...layers, nginx }).join("\n")).toMatch(
        /headers: \/api\/products x-frame-options/,
      );
    });

    it("cloudflare: a different edge TTL", () => {
      const cloudflare = mutate(layers.cloudflare, (json) => {
        const ruleset = Object.values(json.resource!.cloudflare_ruleset!).find(
          (r) => r.phase === "http_request_cache_settings",
        )!;
        const rule = (
          ruleset.rules as { ref: string; action_parameters: { edge_ttl: { default: number } } }[]
        ).find((r) => r.ref === "cache_static")!;
        rule.action_parameters.edge_ttl.default = 86_400;
      });
      expect(disagreements({ ...layers, cloudflare }).join("\n")).toMatch(
        /cloudflare: static edge TTL 86400/,
      );
    });

    it("cloudflare: an expression that claims another class's paths", () => {
      const cloudflare = mutate(layers.cloudflare, (json) => {
        const ruleset = Object.values(json.resource!.cloudflare_ruleset!).find(
          (r) => r.phase === "http_request_cache_settings",
        )!;
        const rule = (ruleset.rules as { ref: string; expression: string }[]).find(
          (r) => r.ref === "cache_images",
        )!;
        rule.expression = `(${rule.expression}) or starts_with(http.request.uri.path, "/api/")`;
      });
      expect(disagreements({ ...layers, cloudflare }).join("\n")).toMatch(
        /cloudflare: \/api\/products is "ambiguous/,
      );
    });

    it("alb: a listener rule sending the API to the web pool", () => {
      const awsEdge = mutate(layers.awsEdge, (json) => {
        const rules = Object.values(json.resource!.aws_lb_listener_rule!) as {
          condition: { path_pattern: { values: string[] } }[];
        }[];
        const api = rules.find((r) => r.condition[0]!.path_pattern.values.includes("/api/*"))!;
        api.condition[0]!.path_pattern.values = ["/v1/api/*"];
      });
      expect(disagreements({ ...layers, awsEdge }).join("\n")).toMatch(/alb: \/api\/products → forward:web/);
    });

    it("worker: a response without HSTS preload", () => {
      const worker = mutate(layers.worker, (w) => {
        w["/about"]!.headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
      });
      expect(disagreements({ ...layers, worker }).join("\n")).toMatch(
        /headers: \/about strict-transport-security/,
      );
    });
  });
});
