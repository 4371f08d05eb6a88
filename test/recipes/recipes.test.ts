// The guide's recipes, executed: copy the repository, apply every `<!-- recipe … -->` block of docs/how-to.md
// (a route class, a pool, an environment — model, wrangler and workflows) exactly as written, then run the
// tests that read the model on the copy. They must pass without a single test edited: tests derive their
// expectations from the model. Runs the suites in a child vitest, so it takes a few minutes on 2 cores.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { linkNodeModules, snapshotWorkingTree } from "@edge/review";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyGuide, type RecipeStep } from "./apply.ts";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const GUIDE = "docs/how-to.md";
/** Set in the child run, so this test does not run itself on the copy. */
const NESTED = "EDGE_RECIPES_NESTED";

/** The model-reading suites: the model, every stack, NGINX's render, the cross-layer check, the workflows. */
const PROJECTS = ["platform", "stacks", "nginx", "cross-layer"];
const FILES = [
  "packages/platform/test/",
  "stacks/test/model-derived",
  "stacks/test/app",
  "stacks/test/aws-",
  "stacks/test/cloudflare-edge",
  "nginx/test/render",
  "test/cross-layer/",
  "test/workflows/",
];

describe.skipIf(process.env[NESTED])(
  "the guide's recipes (docs/how-to.md) on a copy of the repository",
  () => {
    let copy: string;
    let steps: RecipeStep[];

    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), "edge-recipes-"));
      snapshotWorkingTree(ROOT, copy);
      linkNodeModules(ROOT, copy);
      steps = applyGuide(copy, GUIDE);
    }, 120_000);

    afterAll(() => {
      if (copy) rmSync(copy, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    });

    it("applies every step: a route class, a pool (with its class and staging servers), an environment", () => {
      expect(steps.map((s) => `${s.kind} ${s.file}`)).toEqual(
        expect.arrayContaining([
          "insert-after packages/platform/examples/shop/product.ts",
          "insert-after packages/platform/examples/shop/environments.ts",
          "run pnpm --filter @edge/worker wrangler:config",
          "replace .github/workflows/pull-request.yml",
          "replace .github/workflows/drift.yml",
          "copy-job .github/workflows/deploy.yml",
          "replace .github/workflows/deploy.yml",
        ]),
      );
      // The copy's model has them (read through its own resolver, not this checkout's).
      const probe = spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(join(copy, "packages/platform/src/index.ts"))});
         const p = m.resolvePlatform("qa");
         console.log(JSON.stringify({ envs: m.ENVIRONMENT_NAMES, classes: Object.keys(p.routeClasses), pools: Object.keys(p.pools), script: p.edge.scriptName }));`,
        ],
        { cwd: copy, encoding: "utf8", env: { ...process.env, EDGE_MODEL: "" } },
      );
      expect(probe.status, probe.stderr).toBe(0);
      const model = JSON.parse(probe.stdout);
      expect(model.envs).toEqual(expect.arrayContaining(["qa", "staging", "production"]));
      expect(model.classes).toEqual(expect.arrayContaining(["search", "admin"]));
      expect(model.pools).toEqual(expect.arrayContaining(["admin"]));
      expect(model.script).toBe("shop-edge-qa");
    });

    it("keeps the model-reading suites green on the copy, with no test edited", () => {
      // One child run (files in parallel, one start-up): a few minutes on 2 busy cores.
      const run = spawnSync(
        process.execPath,
        [
          join(copy, "node_modules/vitest/vitest.mjs"),
          "run",
          ...PROJECTS.flatMap((p) => ["--project", p]),
          ...FILES,
        ],
        {
          cwd: copy,
          encoding: "utf8",
          env: { ...process.env, [NESTED]: "1", EDGE_MODEL: "", CI: "true", FORCE_COLOR: "0" },
          timeout: 840_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the child's colour codes
      const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
      // On failure, the child's own report: which test, which assertion.
      const failures = output.split("\n").filter((l) => /FAIL|×|AssertionError/.test(l));
      const tail = output.split("\n").slice(-40).join("\n");
      expect(run.status, `${failures.slice(0, 40).join("\n")}\n…\n${tail}`).toBe(0);
      // Every project ran (a filter that matched nothing would pass vacuously).
      for (const project of PROJECTS) expect(output, `project ${project} ran`).toContain(` ${project} `);
      expect(output).toMatch(/Tests\s+\d+ passed/);
    }, 900_000);
  },
);
