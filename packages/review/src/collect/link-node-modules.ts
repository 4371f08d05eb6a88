// Gives a fresh tree (worktree or copy) the main checkout's installed dependencies without an install.
//
// Symlinking a whole `node_modules` directory is not enough for a pnpm workspace: `stacks/node_modules/@edge/
// platform` is a relative link to `../../../packages/platform`, and through a linked directory it would resolve
// to the MAIN checkout's platform, so the base would be synthesized from the head's model. Instead each entry is
// linked on its own: third-party packages to their real directory in the store, workspace packages to the same
// package inside the new tree.
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** `node_modules` entries worth linking; tool caches (.vite, .vitest-cache, ...) stay behind. */
const KEEP_DOT_ENTRIES = new Set([".bin", ".pnpm", ".modules.yaml"]);

export interface LinkSummary {
  /** `node_modules` directories created in the tree, relative to it (`""` is the root). */
  directories: string[];
  /** Entries that point at a workspace package of the tree itself. */
  workspaceLinks: number;
}

/**
 * For every `node_modules` of `sourceRoot` (the root and packages up to two levels deep) whose package also
 * exists in `treeRoot`, creates the same `node_modules` in the tree with per-entry symlinks.
 */
export function linkNodeModules(sourceRoot: string, treeRoot: string): LinkSummary {
  const summary: LinkSummary = { directories: [], workspaceLinks: 0 };
  for (const packageDir of packageDirs(sourceRoot)) {
    const source = join(sourceRoot, packageDir, "node_modules");
    const targetPackage = join(treeRoot, packageDir);
    if (!existsSync(source) || !existsSync(join(targetPackage, "package.json"))) continue;
    const realSourceRoot = realpathSync(sourceRoot);
    summary.workspaceLinks += linkDirectory(
      source,
      join(targetPackage, "node_modules"),
      realSourceRoot,
      treeRoot,
    );
    summary.directories.push(packageDir);
  }
  return summary;
}

/** `""`, `stacks`, `packages/platform`, ...: directories of the source with a package.json and node_modules. */
function packageDirs(root: string): string[] {
  const found = [""];
  const visit = (dir: string, depth: number) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const child = dir ? `${dir}/${entry.name}` : entry.name;
      if (existsSync(join(root, child, "node_modules"))) found.push(child);
      if (depth < 2) visit(child, depth + 1);
    }
  };
  visit("", 1);
  return found;
}

function linkDirectory(
  source: string,
  target: string,
  sourceRoot: string,
  treeRoot: string,
  scoped = false,
): number {
  mkdirSync(target, { recursive: true });
  let workspaceLinks = 0;
  for (const name of readdirSync(source)) {
    if (!scoped && name.startsWith(".") && !KEEP_DOT_ENTRIES.has(name)) continue;
    const from = join(source, name);
    const to = join(target, name);
    if (existsSync(to)) continue;
    const stat = lstatSync(from);
    if (!scoped && name.startsWith("@") && stat.isDirectory()) {
      workspaceLinks += linkDirectory(from, to, sourceRoot, treeRoot, true);
      continue;
    }
    let real: string;
    try {
      real = realpathSync(from);
    } catch {
      continue; // dangling link in the source: nothing to share
    }
    const inside = relative(sourceRoot, real);
    const isWorkspacePackage =
      stat.isSymbolicLink() && !inside.startsWith("..") && !inside.split(sep).includes("node_modules");
    if (isWorkspacePackage) {
      workspaceLinks++;
      symlinkSync(join(treeRoot, inside), to, "dir");
    } else {
      symlinkSync(real, to, stat.isDirectory() || stat.isSymbolicLink() ? "dir" : "file");
    }
  }
  return workspaceLinks;
}
