// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Terraform syntax in expected JSON.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ENVIRONMENT_NAMES, MANAGED_RULESETS, resolvePlatform } from "@edge/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app/build-app.ts";
import { LAYERS, stackName } from "../src/app/naming.ts";
import { ORIGIN_AUTH_VARIABLES } from "../src/aws/origin-lockdown.ts";
import { Testing } from "../src/providers/cdktf.ts";
import { type StackJson, synthStacks } from "./synth.ts";

/** Every environment of the model × every layer, in build order. */
const STACKS = ENVIRONMENT_NAMES.flatMap((env) => LAYERS.map((layer) => stackName(env, layer)));
const stacksDir = fileURLToPath(new URL("..", import.meta.url));

let stacks: Record<string, StackJson>;
let policyLog: string[];

beforeAll(() => {
  policyLog = [];
  stacks = synthStacks({ log: (line) => policyLog.push(line) });
});

describe("the app", () => {
  it("has one stack per environment × layer", () => {
    expect(Object.keys(stacks)).toEqual(STACKS);
  });

  it("passes the policy pack: no error findings, only a deletion-protection warning per environment without it", () => {
    // synthStacks runs validations (the pack); an error finding would have thrown in beforeAll.
    expect(policyLog.filter((line) => line.includes("[error]"))).toEqual([]);
    const unprotected = ENVIRONMENT_NAMES.filter((env) => !resolvePlatform(env).aws.deletionProtection);
    expect(policyLog.map((line) => line.replace(/ aws_lb\.\S+/, ""))).toEqual(
      unprotected.map((env) =>
        expect.stringMatching(
          new RegExp(`^policy ${env}-aws-edge: \\[warning\\] ALB6 .*deletion protection`),
        ),
      ),
    );
  });

  it("fails synthesis when the policy pack finds an error in a real stack", () => {
    expect(() =>
      synthStacks({
        environments: ["production"],
        layers: ["aws-edge"],
        overrides: { aws: { deletionProtection: false } },
      }),
    ).toThrow(/\[error\] ALB6 .*production-aws-edge\/load-balancer\/alb/);
  });

  it("keeps state locally when tests synthesize", () => {
    for (const [name, json] of Object.entries(stacks)) {
      expect((json.terraform as Record<string, any>).backend).toEqual({
        local: { path: `terraform.${name}.tfstate` },
      });
    }
  });

  it("keeps state in S3 per environment and layer, encrypted and locked, for real use", () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "edge-stacks-s3-"));
    try {
      const { stacks: built } = buildApp({
        outdir,
        environments: ["production"],
        layers: ["aws-edge"],
        backend: { kind: "s3", bucket: "tf-state" },
        policy: false,
      });
      const json = JSON.parse(
        Testing.synth((built[0] as { stack: Parameters<typeof Testing.synth>[0] }).stack),
      ) as StackJson;
      const p = resolvePlatform("production");
      expect((json.terraform as Record<string, any>).backend).toEqual({
        s3: {
          bucket: "tf-state",
          key: `${p.name}/production/production-aws-edge.tfstate`,
          region: p.aws.region,
          encrypt: true,
          use_lockfile: true,
        },
      });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

/** Shannon entropy in bits per character: ~4.1 for names like AWSManagedRulesKnownBadInputsRuleSet, ~4.7+ for random tokens. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts.values()].reduce((h, n) => h - (n / value.length) * Math.log2(n / value.length), 0);
}

/** Public 32-hex ids that look like tokens but are documented constants (Cloudflare's managed rulesets). */
const PUBLISHED_IDS = new Set<string>(Object.values(MANAGED_RULESETS).map((r) => r.id));

describe("no secrets in synthesized JSON", () => {
  const strings = (value: unknown, at: string, out: [string, string][] = []): [string, string][] => {
    if (typeof value === "string") out.push([at, value]);
    else if (Array.isArray(value))
      value.forEach((v, i) => {
        strings(v, `${at}[${i}]`, out);
      });
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
    return out;
  };

  it("flags what a leaked token would look like", () => {
    expect(entropy("3NNVMGNwRKqYrwKOrOByLA8j9jcVvIVD_T8qJkHG")).toBeGreaterThan(4.4);
    expect(entropy("ELBSecurityPolicy-TLS13-1-2-2021-06")).toBeLessThan(4.4);
  });

  it("has no credential-looking values or credential attributes with literal values", () => {
    for (const [name, json] of Object.entries(stacks)) {
      for (const [at, value] of strings(json, name)) {
        expect({ at, value }).not.toEqual({
          at,
          value: expect.stringMatching(/AKIA[0-9A-Z]{16}|-----BEGIN|xox[bp]-|ghp_[A-Za-z0-9]{20}/),
        });
        // Long opaque tokens (API tokens, keys): long hex, or long and random-looking (high entropy).
        if (PUBLISHED_IDS.has(value)) continue;
        if (
          /^[0-9a-f]{32,}$/i.test(value) ||
          (/^[A-Za-z0-9+/=_-]{32,}$/.test(value) && entropy(value) > 4.4)
        ) {
          throw new Error(`${at}: "${value}" looks like a credential`);
        }
        if (/(password|secret|token|api_key|auth_token)$/i.test(at)) expect(value).toMatch(/^\$\{/);
      }
    }
  });

  it("declares no credential variables (only the sensitive origin-auth values) and no credentials in provider blocks", () => {
    const originAuth: string[] = Object.values(ORIGIN_AUTH_VARIABLES);
    for (const [name, json] of Object.entries(stacks)) {
      const variables = (json.variable ?? {}) as Record<string, { sensitive?: boolean }>;
      const secretNamed = Object.keys(variables).filter((v) => /token|secret|password|key$/i.test(v));
      // The origin-auth header values are the one secret the stacks take (aws-edge only), always sensitive.
      expect(
        secretNamed.filter((v) => !originAuth.includes(v)),
        name,
      ).toEqual([]);
      for (const v of secretNamed) expect(variables[v]?.sensitive, `${name} var.${v}`).toBe(true);
      for (const blocks of Object.values(json.provider ?? {})) {
        for (const block of blocks as Record<string, unknown>[]) {
          expect(
            Object.keys(block).filter((k) => /token|secret|password|access_key|api_key|email/.test(k)),
          ).toEqual([]);
        }
      }
    }
  });
});

describe("pnpm synth (src/main.ts)", () => {
  const outdir = mkdtempSync(path.join(tmpdir(), "edge-stacks-main-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("writes the standard cdktf.out layout and prints one line per stack, offline", () => {
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", EDGE_STATE_BUCKET: "" };
    const run = spawnSync(
      process.execPath,
      ["--disable-warning=DEP0044", "src/main.ts", "--outdir", outdir],
      {
        cwd: stacksDir,
        encoding: "utf8",
        env,
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("✓ "))).toHaveLength(STACKS.length);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^synthesized ${STACKS.length} stacks \\(local state\\) into .* in \\d+\\.\\d\\d s$`),
    );
    for (const name of STACKS) {
      expect(lines.some((l) => l.startsWith(`✓ ${name} `))).toBe(true);
      expect(existsSync(path.join(outdir, "stacks", name, "cdk.tf.json"))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, unknown>;
    };
    expect(Object.keys(manifest.stacks).sort()).toEqual([...STACKS].sort());
  }, 60_000);

  it("refuses --backend s3 without a state bucket, saying what is missing", () => {
    const run = spawnSync(
      process.execPath,
      ["--disable-warning=DEP0044", "src/main.ts", "--outdir", outdir, "--backend", "s3"],
      {
        cwd: stacksDir,
        encoding: "utf8",
        env: { ...process.env, EDGE_STATE_BUCKET: "" },
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("EDGE_STATE_BUCKET");
  }, 60_000);
});
