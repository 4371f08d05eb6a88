// The pack's production strictness comes from the model's `tier`, never from the environment's name: an
// environment named `live` (tier unset, so production) gets the strict pack, `staging` marked production too,
// and the strictness is recorded in cdk.tf.json so the CLI on cdktf.out applies the same rules as synth.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app/build-app.ts";
import { evaluateOutdir } from "../src/policy/cli.ts";
import { recordedProduction } from "../src/policy/core.ts";
import { synthStacks } from "./synth.ts";

const stacksDir = fileURLToPath(new URL("..", import.meta.url));
const platformDir = path.join(stacksDir, "../packages/platform");
const workdir = mkdtempSync(path.join(tmpdir(), "edge-policy-tier-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** A copy of examples/shop (imports pointing back at the platform package) with `edit` applied to environments.ts. */
function copyOfExample(edit: (environments: string) => string): string {
  const dir = path.join(workdir, `shop-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(platformDir, "examples/shop"), dir, { recursive: true });
  for (const file of ["product.ts", "environments.ts", "slo.ts"]) {
    const target = path.join(dir, file);
    const text = readFileSync(target, "utf8").replaceAll("../../src/", path.join(platformDir, "src/"));
    writeFileSync(target, file === "environments.ts" ? edit(text) : text);
  }
  return path.join(dir, "index.ts");
}

describe("policy strictness from the model's tier", () => {
  it("holds an environment named live (tier unset: production) to the strict pack", () => {
    // The example's production renamed `live`, without deletion protection: an error only in the strict pack.
    const model = copyOfExample((text) =>
      text.replace("  production: {", "  live: {\n    aws: { deletionProtection: false },"),
    );
    const outdir = path.join(workdir, "live-out");
    const run = spawnSync(
      process.execPath,
      ["--disable-warning=DEP0044", "src/main.ts", "--env", "live", "--outdir", outdir],
      {
        cwd: stacksDir,
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1", EDGE_STATE_BUCKET: "", EDGE_MODEL: model },
        timeout: 60_000,
      },
    );
    expect(run.status, run.stdout).not.toBe(0);
    expect(run.stderr).toMatch(/\[error\] ALB6 .*live-aws-edge\/load-balancer\/alb/);
  }, 60_000);

  it("follows the tier whatever the name: staging marked production is strict, production marked non-production is not", () => {
    // Staging has no deletion protection: an error once its tier is production.
    expect(() =>
      synthStacks({ environments: ["staging"], layers: ["aws-edge"], overrides: { tier: "production" } }),
    ).toThrow(/\[error\] ALB6 .*staging-aws-edge\/load-balancer\/alb/);
    const log: string[] = [];
    synthStacks({
      environments: ["production"],
      layers: ["aws-edge"],
      overrides: { tier: "non-production", aws: { deletionProtection: false } },
      log: (line) => log.push(line),
    });
    expect(log).toEqual([expect.stringMatching(/^policy production-aws-edge: \[warning\] ALB6 /)]);
  });

  it("records the tier in cdk.tf.json: the CLI on cdktf.out applies the synth's strictness, not the name's", () => {
    const outdir = path.join(workdir, "cli-out");
    const { app, stacks } = buildApp({
      outdir,
      environments: ["staging"],
      layers: ["aws-edge"],
      overrides: { tier: "production" },
      policy: false,
    });
    app.synth();
    expect(recordedProduction(stacks[0]!.stack.toTerraform())).toBe(true);
    const findings = evaluateOutdir(outdir)["staging-aws-edge"]?.findings ?? [];
    expect(findings.map((f) => `${f.severity} ${f.ruleId}`)).toContain("error ALB6");
  });
});
