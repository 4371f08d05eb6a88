// The layer rules of the workspace, checked on every import a tracked source file makes:
//   model (@edge/platform)            imports no other workspace package;
//   leaf helpers (fixtures, tooling)  import no workspace package;
//   renderers (stacks, worker, nginx) import only the model — and the leaf helpers from tests, benches and
//                                     tooling, never from the code they ship (worker bundle, stacks, nginx render);
//   tools (local-edge, review, CI scripts, cross-layer tests) import anything below them;
// and every package import names an entry of the target's `exports`, every relative import stays in its package.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);

export type Layer = "model" | "leaf" | "renderer" | "tool";

/** Every workspace package's layer. A new package must be placed here, or the check fails on it. */
export const LAYERS: Readonly<Record<string, Layer>> = {
  "@edge/platform": "model",
  "@edge/fixtures": "leaf",
  "@edge/tooling": "leaf",
  "@edge/stacks": "renderer",
  "@edge/worker": "renderer",
  "@edge/nginx": "renderer",
  "@edge/local-edge": "tool",
  "@edge/review": "tool",
  "@edge/ops": "tool",
  "@edge/load": "tool",
  "@edge/ci-scripts": "tool",
  "@edge/cross-layer-tests": "tool",
};

/** Code a renderer ships or runs in production: no leaf helper may reach it. */
const SHIPPED = [/^workers\/edge\/src\//, /^stacks\/src\//, /^nginx\/src\/(?!local\/)/];
/** A renderer's own start-up tooling (its `./local` export): shipped code must not import it either. */
const LOCAL_TOOLING = /^(workers\/edge\/local|nginx\/src\/local)\//;

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the root, e.g. `workers/edge`. */
  dir: string;
  /** Subpaths of its `exports` (`.`, `./local`, ...). */
  exports: string[];
  dependencies: string[];
}

/** The packages pnpm-workspace.yaml lists (`dir` or `dir/*` entries). */
export function readWorkspace(root = ROOT): WorkspacePackage[] {
  const patterns = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
    .split("\n")
    .map((line) => /^\s+-\s+"?([^"\s]+)"?\s*$/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined && !p.includes(":"));
  const dirs = patterns.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => `${pattern.slice(0, -2)}/${e.name}`)
      : [pattern],
  );
  return dirs
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      return {
        name: pkg.name as string,
        dir,
        exports: Object.keys(pkg.exports ?? { ".": "" }),
        dependencies: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }),
      };
    });
}

export interface Reference {
  specifier: string;
  line: number;
  /** `import` for import/export-from and dynamic import(); `file` for `new URL(path, import.meta.url)`. */
  kind: "import" | "file";
}

const IMPORTS = [
  /\bfrom\s*["']([^"'\n]+)["']/g,
  /^\s*import\s*["']([^"'\n]+)["']/gm,
  /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
];
const FILE_URL = /new URL\(\s*["']([^"'\n]+)["']\s*,\s*import\.meta\.url\s*\)/g;

export function referencesIn(text: string): Reference[] {
  const lineOf = (index: number) => text.slice(0, index).split("\n").length;
  const found: Reference[] = [];
  for (const pattern of IMPORTS)
    for (const m of text.matchAll(pattern))
      found.push({ specifier: m[1]!, line: lineOf(m.index), kind: "import" });
  for (const m of text.matchAll(FILE_URL))
    found.push({ specifier: m[1]!, line: lineOf(m.index), kind: "file" });
  return found;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  why: string;
}

/** The package a root-relative path belongs to (the deepest package folder holding it). */
function owner(workspace: readonly WorkspacePackage[], path: string): WorkspacePackage | undefined {
  return workspace
    .filter((p) => path === p.dir || path.startsWith(`${p.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

const bare = (specifier: string) => {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  const sub = specifier.slice(name.length);
  return { name, subpath: sub ? `.${sub}` : "." };
};

/** Layer violations of one file (root-relative `file`, its `text`), against the workspace's packages. */
export function layerViolations(
  workspace: readonly WorkspacePackage[],
  file: string,
  text: string,
): Violation[] {
  const from = owner(workspace, file);
  if (!from) return [];
  const fromLayer = LAYERS[from.name];
  const out: Violation[] = [];
  const flag = (ref: Reference, why: string) =>
    out.push({ file, line: ref.line, specifier: ref.specifier, why });
  if (!fromLayer) {
    flag(
      { specifier: from.name, line: 1, kind: "import" },
      `package ${from.name} has no layer: add it to LAYERS in test/support/layers.ts`,
    );
    return out;
  }
  for (const ref of referencesIn(text)) {
    if (ref.specifier.startsWith(".")) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), ref.specifier));
      const into = owner(workspace, target);
      // The cross-layer test package may name other packages' files (CLIs it runs, artefacts it reads).
      const allowedFile =
        ref.kind === "file" && fromLayer === "tool" && from.name === "@edge/cross-layer-tests";
      if (into && into.name !== from.name && !allowedFile)
        flag(ref, `reaches into ${into.name} by a relative path: import it by its package name and exports`);
      else if (LOCAL_TOOLING.test(target) && SHIPPED.some((re) => re.test(file)))
        flag(
          ref,
          "shipped code imports its package's local tooling (./local), which would pull it into the artefact",
        );
      continue;
    }
    if (ref.kind === "file" || !ref.specifier.startsWith("@edge/")) continue;
    const { name, subpath } = bare(ref.specifier);
    if (name === from.name) continue;
    const target = workspace.find((p) => p.name === name);
    if (!target) {
      flag(ref, `${name} is not a workspace package`);
      continue;
    }
    if (!target.exports.includes(subpath))
      flag(ref, `${subpath} is not in ${name}'s exports (${target.exports.join(", ")})`);
    if (!from.dependencies.includes(name)) flag(ref, `${from.name} does not declare ${name} in package.json`);
    const toLayer = LAYERS[name];
    const allowed =
      fromLayer === "tool" ||
      (fromLayer === "renderer" && toLayer === "model") ||
      (fromLayer === "renderer" && toLayer === "leaf" && !SHIPPED.some((re) => re.test(file)));
    if (!allowed)
      flag(
        ref,
        fromLayer === "renderer" && toLayer === "leaf"
          ? `${name} is a dev-only helper: not in code the renderer ships`
          : `a ${fromLayer} (${from.name}) may not import a ${toLayer} (${name})`,
      );
  }
  return out;
}

/** Tracked TypeScript and JavaScript sources of the workspace (fixture trees excluded). */
export function trackedSources(root = ROOT): string[] {
  return (
    execFileSync("git", ["ls-files", "-z", "*.ts", "*.mts", "*.mjs", "*.js"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\0")
      .filter(Boolean)
      .filter((f) => !/(^|\/)test\/fixtures\//.test(f) && !f.startsWith("fixtures/"))
      // Its cases spell out wrong imports, as strings.
      .filter((f) => f !== "test/repository/layers.test.ts")
  );
}
