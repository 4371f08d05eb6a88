// Which stacks CI plans and deploys, in which order, read from cdktf's manifest.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENVIRONMENTS, LAYER_DEPLOY_ORDER, parseStackName, SYNTH_OUTPUTS } from "@edge/ci-scripts/layout";
import { locateOutput, stackBelongsTo, stacksInDeployOrder } from "@edge/ci-scripts/stacks";
import { ENVIRONMENT_NAMES } from "@edge/platform";
import { LAYERS, stackName } from "@edge/stacks";
import { afterAll, describe, expect, it } from "vitest";

const manifest = (stacks: Record<string, string[]>) => ({
  version: "0.21.0",
  stacks: Object.fromEntries(
    Object.entries(stacks).map(([name, dependencies]) => [name, { name, dependencies }]),
  ),
});

// cdktf writes the manifest with sorted keys, so its order says nothing about deploy order.
const sixStacks = manifest({
  "production-aws-compute": [],
  "production-aws-edge": [],
  "production-cloudflare-edge": [],
  "staging-aws-compute": [],
  "staging-aws-edge": [],
  "staging-cloudflare-edge": [],
});

describe("stacksInDeployOrder", () => {
  it("keeps the layer order the stacks package deploys in", () => {
    expect(LAYER_DEPLOY_ORDER).toEqual([...LAYERS]);
  });

  it("gives one environment's stacks in layer order", () => {
    expect(stacksInDeployOrder(sixStacks, "staging")).toEqual([
      "staging-cloudflare-edge",
      "staging-aws-edge",
      "staging-aws-compute",
    ]);
    expect(stacksInDeployOrder(sixStacks, "production")).toHaveLength(3);
  });

  it("knows one naming scheme, <env>-<layer>, the one the stacks package writes", () => {
    for (const env of ENVIRONMENT_NAMES)
      for (const layer of LAYERS) expect(parseStackName(stackName(env, layer))).toEqual({ env, layer });
    const layerFirst = manifest({ "aws-compute-staging": [], "cloudflare-edge-staging": [] });
    expect(stacksInDeployOrder(layerFirst, "staging")).toEqual([]);
    expect(parseStackName("staging-unknown-layer")).toBeUndefined();
  });

  it("puts a stack after the stacks its manifest says it depends on", () => {
    const deps = manifest({
      "staging-aws-edge": ["staging-aws-compute"],
      "staging-aws-compute": [],
      "staging-cloudflare-edge": ["staging-aws-edge"],
    });
    expect(stacksInDeployOrder(deps, "staging")).toEqual([
      "staging-aws-compute",
      "staging-aws-edge",
      "staging-cloudflare-edge",
    ]);
  });

  it("refuses a dependency cycle", () => {
    const cycle = manifest({
      "staging-aws-edge": ["staging-aws-compute"],
      "staging-aws-compute": ["staging-aws-edge"],
    });
    expect(() => stacksInDeployOrder(cycle, "staging")).toThrow(/dependency cycle/);
  });

  it("never mistakes one environment's stacks for another's", () => {
    expect(stackBelongsTo("staging-aws-edge", "staging")).toBe(true);
    expect(stackBelongsTo("staging-aws-edge", "production")).toBe(false);
    expect(stackBelongsTo("prestaging-aws-edge", "staging")).toBe(false);
  });
});

describe("the layout the CI scripts share with pnpm review", () => {
  it("lists the model's environments, in the order CI deploys them", () => {
    expect([...ENVIRONMENTS]).toEqual([...ENVIRONMENT_NAMES]);
  });

  it("looks first where pnpm synth writes (stacks/<cdktf.json output>)", () => {
    const cdktf = JSON.parse(
      readFileSync(fileURLToPath(new URL("../../stacks/cdktf.json", import.meta.url)), "utf8"),
    );
    expect(SYNTH_OUTPUTS[0]).toBe(`stacks/${cdktf.output}`);
  });
});

describe("locateOutput", () => {
  const root = mkdtempSync(join(tmpdir(), "stacks-locate-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("finds the folder pnpm synth wrote, and says how to make one when there is none", () => {
    expect(() => locateOutput(root)).toThrow(/run pnpm synth/);
    mkdirSync(join(root, "stacks/cdktf.out"), { recursive: true });
    writeFileSync(join(root, "stacks/cdktf.out/manifest.json"), JSON.stringify(sixStacks));
    expect(locateOutput(root)).toBe(join(root, "stacks/cdktf.out"));
  });
});

describe("the contract with pnpm synth", () => {
  const outdir = mkdtempSync(join(tmpdir(), "stacks-synth-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const stacksDir = fileURLToPath(new URL("../../stacks/", import.meta.url));
  const script = fileURLToPath(new URL("../../.github/scripts/stacks.mjs", import.meta.url));

  it("CI's EDGE_STATE_BUCKET gives every stack S3 state with locking, in the order CI deploys", () => {
    // The same command `pnpm synth` runs, into a temporary folder, with the variable the workflows set.
    execFileSync(process.execPath, ["--disable-warning=DEP0044", "src/main.ts", "--outdir", outdir], {
      cwd: stacksDir,
      env: { ...process.env, EDGE_STATE_BUCKET: "edge-state-test" },
      stdio: "pipe",
    });
    const list = (env: string) =>
      execFileSync(process.execPath, [script, "list", "--env", env], {
        env: { ...process.env, CDKTF_OUTPUT: outdir },
        encoding: "utf8",
      })
        .trim()
        .split("\n");
    for (const env of ["staging", "production"]) {
      const stacks = list(env);
      expect(stacks).toEqual(LAYERS.map((layer) => stacks.find((s) => s.includes(layer))));
      expect(stacks).toHaveLength(3);
      for (const stack of stacks) {
        const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
        expect(json.terraform.backend.s3, stack).toMatchObject({
          bucket: "edge-state-test",
          encrypt: true,
          use_lockfile: true,
        });
      }
    }
  });
});
