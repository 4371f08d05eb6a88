// Layers a newcomer can see: model → renderers → tools, enforced on every import (rules in ../support/layers.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LAYERS,
  layerViolations,
  ROOT,
  readWorkspace,
  referencesIn,
  trackedSources,
} from "../support/layers.ts";

const workspace = readWorkspace();
const check = (file: string, text: string) => layerViolations(workspace, file, text).map((v) => v.why);
/** `../` n times: the cases climb from their (imagined) file, which standalone.test.ts would read as from here. */
const up = (n: number) => "../".repeat(n);

describe("layer boundaries", () => {
  it("every workspace package has a layer", () => {
    expect(workspace.map((p) => p.name).sort()).toEqual(Object.keys(LAYERS).sort());
  });

  it("no tracked source imports across a layer boundary or around a package's exports", () => {
    const files = trackedSources();
    expect(files.length).toBeGreaterThan(200);
    const found = files.flatMap((file) =>
      layerViolations(workspace, file, readFileSync(join(ROOT, file), "utf8")),
    );
    expect(found.map((v) => `${v.file}:${v.line}: ${v.specifier} — ${v.why}`)).toEqual([]);
  });
});

// Each case is a file that does not exist, with one import in it: the check must name what is wrong.
describe("the check catches each kind of wrong import (so a pass means something)", () => {
  it("the model importing anything of the workspace", () => {
    expect(check("packages/platform/src/x.ts", 'import { renderNginx } from "@edge/nginx";')).toEqual([
      "@edge/platform does not declare @edge/nginx in package.json",
      "a model (@edge/platform) may not import a renderer (@edge/nginx)",
    ]);
  });

  it("a renderer importing another renderer, or a tool", () => {
    expect(check("workers/edge/src/x.ts", 'import { renderNginx } from "@edge/nginx";')).toContain(
      "a renderer (@edge/worker) may not import a renderer (@edge/nginx)",
    );
    expect(check("stacks/src/x.ts", 'import { review } from "@edge/review";')).toContain(
      "a renderer (@edge/stacks) may not import a tool (@edge/review)",
    );
  });

  it("a relative path into another package, upward or sideways", () => {
    expect(check("nginx/src/conf/x.ts", `import { app } from "${up(3)}workers/edge/src/app.ts";`)).toEqual([
      "reaches into @edge/worker by a relative path: import it by its package name and exports",
    ]);
    expect(
      check("packages/local-edge/src/x.ts", `const dir = new URL("${up(3)}workers/edge", import.meta.url);`),
    ).toEqual(["reaches into @edge/worker by a relative path: import it by its package name and exports"]);
    expect(
      check("stacks/test/x.ts", `import { resolvePlatform } from "${up(2)}packages/platform/src/index.ts";`),
    ).toEqual(["reaches into @edge/platform by a relative path: import it by its package name and exports"]);
  });

  it("a tool importing a renderer's internals instead of its exports", () => {
    expect(
      check("packages/local-edge/src/x.ts", 'import { renderNginx } from "@edge/nginx/src/render.ts";'),
    ).toEqual(["./src/render.ts is not in @edge/nginx's exports (., ./local)"]);
  });

  it("a dev-only helper in code a renderer ships, but not in its tests or local tooling", () => {
    const tooling = 'import { freePorts } from "@edge/tooling";';
    expect(check("stacks/src/x.ts", tooling)).toContain(
      "@edge/tooling is a dev-only helper: not in code the renderer ships",
    );
    expect(check("workers/edge/src/x.ts", 'import { fixturePath } from "@edge/fixtures";')).toContain(
      "@edge/fixtures is a dev-only helper: not in code the renderer ships",
    );
    expect(check("nginx/src/conf/x.ts", tooling)).toHaveLength(1);
    expect(check("nginx/src/local/x.ts", tooling)).toEqual([]);
    expect(check("workers/edge/src/x.ts", 'import { startEdgeWorker } from "../local/index.ts";')).toEqual([
      "shipped code imports its package's local tooling (./local), which would pull it into the artefact",
    ]);
    expect(
      check("nginx/src/render.ts", 'import { startRenderedNginx } from "./local/index.ts";'),
    ).toHaveLength(1);
    expect(check("nginx/test/x.ts", tooling)).toEqual([]);
  });

  it("leaves allowed imports alone: exports by package name, the model from a renderer, relative within a package", () => {
    expect(
      check("packages/local-edge/src/x.ts", 'import { startRenderedNginx } from "@edge/nginx/local";'),
    ).toEqual([]);
    expect(check("stacks/src/x.ts", 'import { classify } from "@edge/platform/routing";')).toEqual([]);
    expect(check("nginx/test/x.ts", 'import { renderNginx } from "../src/index.ts";')).toEqual([]);
    expect(
      check("test/workflows/x.ts", `const cli = new URL("${up(2)}stacks/src/main.ts", import.meta.url);`),
    ).toEqual([]);
  });

  it("reads static, type-only, multi-line, re-export, side-effect and dynamic imports", () => {
    const text = [
      'import type { A } from "a";',
      "import {\n  b,\n  c,\n} from 'b';",
      'export { d } from "d";',
      'import "e";',
      'const f = await import("f");',
    ].join("\n");
    expect(
      referencesIn(text)
        .map((r) => r.specifier)
        .sort(),
    ).toEqual(["a", "b", "d", "e", "f"]);
  });
});
