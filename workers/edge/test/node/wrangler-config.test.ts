// wrangler.jsonc is rendered from the model (scripts/wrangler-config.ts). These tests read it back through
// wrangler's own config reader, environment by environment, as `wrangler deploy --env <name>` would.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { activeProduct, ENVIRONMENT_NAMES, resolveAll } from "@edge/platform";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import {
  renderWranglerConfig,
  topLevelEnvironment,
  WRANGLER_CONFIG_PATH,
  workerBindings,
} from "../../scripts/wrangler-config.ts";

const workdir = mkdtempSync(join(tmpdir(), "wrangler-config-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** What wrangler deploys for one environment of the config at `path` (the top level has no `--env`). */
function deployedWorker(path: string, environment: string, top: string, bindings: string[]) {
  const config = unstable_readConfig({ config: path, env: environment === top ? undefined : environment });
  return {
    name: config.name,
    vars: config.vars,
    ...Object.fromEntries(bindings.map((key) => [key, config[key as keyof typeof config]])),
  };
}

describe("wrangler.jsonc", () => {
  const platforms = resolveAll();

  it("is exactly what the model renders", () => {
    const committed = readFileSync(WRANGLER_CONFIG_PATH, "utf8");
    expect(
      committed === renderWranglerConfig(platforms),
      "workers/edge/wrangler.jsonc is not the rendering of the model: run `pnpm --filter @edge/worker wrangler:config`",
    ).toBe(true);
  });

  it("gives every environment its own worker with every binding and var the worker needs", () => {
    const top = topLevelEnvironment(ENVIRONMENT_NAMES);
    for (const environment of ENVIRONMENT_NAMES) {
      const platform = platforms[environment]!;
      const bindings = workerBindings(platform);
      expect(
        deployedWorker(WRANGLER_CONFIG_PATH, environment, top, Object.keys(bindings)),
        environment,
      ).toEqual({
        name: platform.edge.scriptName,
        vars: { ENVIRONMENT: environment },
        ...bindings,
      });
    }
  });

  it("renders an added environment with its own script name and all bindings (the README's qa recipe)", () => {
    const environments = {
      ...activeProduct.environments,
      qa: { pools: { web: { scaling: { minSize: 1 } } } },
    };
    const withQa = resolveAll({ environments });
    const path = join(workdir, "wrangler.jsonc");
    writeFileSync(path, renderWranglerConfig(withQa));
    const bindings = workerBindings(withQa.qa!);
    const qa = deployedWorker(
      path,
      "qa",
      topLevelEnvironment(Object.keys(environments)),
      Object.keys(bindings),
    );
    expect(qa).toEqual({ name: withQa.qa!.edge.scriptName, vars: { ENVIRONMENT: "qa" }, ...bindings });
    const otherNames = ENVIRONMENT_NAMES.map((name) => withQa[name]!.edge.scriptName);
    expect(otherNames, "qa's worker is none of the other environments' workers").not.toContain(qa.name);
  });
});
