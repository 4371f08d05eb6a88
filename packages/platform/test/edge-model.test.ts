// EDGE_MODEL selects the product module: a modified copy of the example, outside the repository, is what the
// resolver (and so every renderer) reads. Run through the real CLI in a child process: the active product is
// chosen once, when @edge/platform loads.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ENVIRONMENT_NAMES } from "../src/index.ts";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(PACKAGE_DIR, "src/cli.ts");
const workdir = mkdtempSync(join(tmpdir(), "edge-model-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** A copy of examples/shop whose imports point back at this package, with `edit` applied to environments.ts. */
function copyOfExample(edit: (environments: string) => string): string {
  const dir = join(workdir, `shop-${Math.random().toString(36).slice(2)}`);
  cpSync(join(PACKAGE_DIR, "examples/shop"), dir, { recursive: true });
  for (const file of ["product.ts", "environments.ts", "slo.ts"]) {
    const path = join(dir, file);
    const text = readFileSync(path, "utf8").replaceAll("../../src/", join(PACKAGE_DIR, "src/"));
    writeFileSync(path, file === "environments.ts" ? edit(text) : text);
  }
  return join(dir, "index.ts");
}

function cli(edgeModel: string, ...args: string[]) {
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, EDGE_MODEL: edgeModel },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 20_000,
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("EDGE_MODEL", () => {
  it("resolves every environment of the module it names (a copy of the example with a qa environment)", () => {
    const model = copyOfExample((text) =>
      text.replace(
        "  production: {",
        "  qa: { pools: { api: { scaling: { minSize: 1 } } } },\n  production: {",
      ),
    );
    const run = cli(model, "--quiet");
    expect(run.stderr).toBe("");
    // Order-free: the example may already list more environments (docs/how-to.md's recipes add one).
    expect(run.stdout.trim().split("\n").sort()).toEqual(
      [...new Set([...ENVIRONMENT_NAMES, "qa"])].map((env) => `✓ model valid: ${env}`).sort(),
    );
    expect(cli(model, "--env", "qa").stdout).toContain('worker "shop-edge-qa"');
  });

  it("refuses a copy whose new environment reuses production's worker script", () => {
    const model = copyOfExample((text) =>
      text.replace("  production: {", '  qa: { edge: { scriptName: "shop-edge" } },\n  production: {'),
    );
    const run = cli(model, "--quiet", "--env", "qa");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '- edge.scriptName: "shop-edge" — is also the edge.scriptName of environment "production"',
    );
  });

  it("names the variable and the problem when the path is relative or the module exports no product", () => {
    expect(cli("examples/shop/index.ts", "--quiet").stderr).toContain(
      "EDGE_MODEL=examples/shop/index.ts: must be an absolute path to a product module",
    );
    const empty = join(workdir, "empty.ts");
    writeFileSync(empty, "export const nothing = 1;\n");
    expect(cli(empty, "--quiet").stderr).toContain(
      `EDGE_MODEL=${empty}: the module must export product and environments`,
    );
  });
});
