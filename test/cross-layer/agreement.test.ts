import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderNginx } from "@edge/nginx";
import { ENVIRONMENT_NAMES, type Platform, resolvePlatform } from "@edge/platform";
import { buildApp } from "@edge/stacks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disagreements, type Layers, observeWorker } from "../support/agreement.ts";
import { cloudflareCacheRules, readSynth, type TerraformJson } from "../support/artefacts.ts";
import { startPlainOrigin, startWorker } from "../support/worker-run.ts";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);

/** What the real renderers produced for every environment: synth JSON, nginx files, worker responses. */
describe("the three renderers agree with the model and each other, in every environment", () => {
  const all: Record<string, Layers> = {};
  let layers: Layers; // production's (or the first environment's): the mutation tests below edit it
  let out: string;
  let origin: Awaited<ReturnType<typeof startPlainOrigin>>;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "edge-cross-layer-"));
    // The real synth of every environment (policy pack included), in its own process, like `pnpm synth`.
    execFileSync(process.execPath, ["--disable-warning=DEP0044", "src/main.ts", "--outdir", out], {
      cwd: join(ROOT, "stacks"),
      stdio: "pipe",
    });
    const synth = readSynth(out);
    origin = await startPlainOrigin();
    for (const env of ENVIRONMENT_NAMES) {
      const platform: Platform = resolvePlatform(env);
      const worker = await startWorker(env, origin.url);
      const observed = await observeWorker(worker.url, platform).finally(() => worker.dispose());
      all[env] = {
        platform,
        // A zone's rulesets live in the stack of the environment that owns the zone (staging: production's).
        cloudflare: synth[`${zoneOwnerOf(platform)}-cloudflare-edge`] as TerraformJson,
        awsEdge: synth[`${env}-aws-edge`] as TerraformJson,
        nginx: renderNginx(platform, { brotliModule: null }),
        worker: observed,
      };
    }
    layers = (all.production ?? all[ENVIRONMENT_NAMES[0]!]) as Layers;
  }, 240_000);

  const zoneOwnerOf = (p: Platform) =>
    ENVIRONMENT_NAMES.find((e) => {
      const c = resolvePlatform(e).cloudflare;
      return c.ownsZone && c.zoneName === p.cloudflare.zoneName;
    }) ?? p.environment;

  afterAll(async () => {
    await origin?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it.each(ENVIRONMENT_NAMES.map((env) => [env]))("%s: every sample path is served without a 5xx", (env) => {
    const seen = all[env] as Layers;
    for (const [path, { status }] of Object.entries(seen.worker)) expect(status, path).toBeLessThan(500);
  });

  it.each(ENVIRONMENT_NAMES.map((env) => [env]))(
    "%s: no disagreement — cache numbers, classification, ALB actions and security headers",
    (env) => {
      expect(disagreements(all[env] as Layers)).toEqual([]);
    },
  );

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
      expect(disagreements({ ...layers, nginx }).join("\n")).toMatch(
        /nginx: \/api\/sample is "\w+", the model says "api" — see routeClasses\.api\.match \(production\)/,
      );
    });

    it("nginx: a weaker security header", () => {
      const nginx = mutate(layers.nginx, (f) => {
        f["nginxconfig/security/api.conf"] = f["nginxconfig/security/api.conf"]!.replace(
          "X-Frame-Options DENY",
          "X-Frame-Options SAMEORIGIN",
        );
      });
      expect(disagreements({ ...layers, nginx }).join("\n")).toMatch(
        /headers: \/api\/sample x-frame-options/,
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
        /cloudflare: static edge TTL 86400 ≠ model 31536000 — rendered .*; see routeClasses\.static\.cache\.edgeTtlSeconds/,
      );
    });

    it("cloudflare: browser TTL 0 rendered as `bypass` agrees; another rendering is named with its model field", () => {
      // A class whose edge TTL Cloudflare enforces, with browser TTL 0: the stacks render browser_ttl bypass.
      const overrides = {
        routeClasses: { api: { cache: { respectOriginCacheControl: false, browserTtlSeconds: 0 } } },
      };
      const env = layers.platform.environment;
      const platform = resolvePlatform(env, { overrides });
      const dir = mkdtempSync(join(tmpdir(), "edge-cross-layer-bypass-"));
      try {
        const { app } = buildApp({
          outdir: dir,
          environments: [env],
          layers: ["cloudflare-edge"],
          overrides,
        });
        app.synth();
        const cloudflare = readSynth(dir)[`${env}-cloudflare-edge`] as TerraformJson;
        const api = cloudflareCacheRules(cloudflare).find((r) => r.ref === "cache_api")!;
        expect(api.browserTtl).toEqual({ mode: "bypass" });
        const onCloudflare = (c: TerraformJson) =>
          disagreements({ ...layers, platform, cloudflare: c }).filter((l) => l.startsWith("cloudflare:"));
        expect(onCloudflare(cloudflare)).toEqual([]);
        const wrong = mutate(cloudflare, (json) => {
          const ruleset = Object.values(json.resource!.cloudflare_ruleset!).find(
            (r) => r.phase === "http_request_cache_settings",
          )!;
          const rule = (ruleset.rules as { ref: string; action_parameters: Record<string, unknown> }[]).find(
            (r) => r.ref === "cache_api",
          )!;
          rule.action_parameters.browser_ttl = { mode: "override_origin", default: 3600 };
        });
        expect(onCloudflare(wrong)).toEqual([
          `cloudflare: api browser TTL 3600 ≠ model 0 — rendered {"mode":"override_origin","default":3600}; see routeClasses.api.cache.browserTtlSeconds (or cache.respectOriginCacheControl) (${env})`,
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
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
        /cloudflare: \/api\/sample is "ambiguous/,
      );
    });

    it("alb: a listener rule sending the API to the web pool", () => {
      const awsEdge = mutate(layers.awsEdge, (json) => {
        const rules = Object.values(json.resource!.aws_lb_listener_rule!) as {
          condition: { path_pattern?: { values: string[] } }[];
        }[];
        const api = rules.find((r) => r.condition[0]!.path_pattern?.values.includes("/api/*"))!;
        api.condition[0]!.path_pattern!.values = ["/v1/api/*"];
      });
      expect(disagreements({ ...layers, awsEdge }).join("\n")).toMatch(
        /alb: \/api\/sample → forward:web, the model says forward:api — see routeClasses\.api\.pool/,
      );
    });

    it("alb: a forwarding rule that does not require the origin-auth header", () => {
      const awsEdge = mutate(layers.awsEdge, (json) => {
        const rules = Object.values(json.resource!.aws_lb_listener_rule!) as {
          condition: { path_pattern?: { values: string[] }; http_header?: unknown }[];
        }[];
        const api = rules.find((r) => r.condition[0]!.path_pattern?.values.includes("/api/*"))!;
        api.condition = api.condition.filter((c) => !c.http_header);
      });
      expect(disagreements({ ...layers, awsEdge }).join("\n")).toMatch(
        /alb: \/api\/sample for \S+ without X-Origin-Auth → forward:api \(origin lockdown\)/,
      );
    });

    it("alb: an HTTPS listener whose default action forwards", () => {
      const awsEdge = mutate(layers.awsEdge, (json) => {
        const listeners = Object.values(json.resource!.aws_lb_listener!) as {
          port: number;
          default_action: unknown[];
        }[];
        const https = listeners.find((l) => l.port === 443)!;
        const web = Object.keys(json.resource!.aws_lb_target_group!).find((k) => k.includes("_web"))!;
        https.default_action = [{ type: "forward", target_group_arn: `\${aws_lb_target_group.${web}.arn}` }];
      });
      expect(disagreements({ ...layers, awsEdge }).join("\n")).toMatch(
        /alb: \/about for \S+ without X-Origin-Auth → forward:web \(origin lockdown\)/,
      );
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
