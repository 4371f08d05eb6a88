// The two trees a review compares: a temporary `git worktree` of a ref, or a copy of the working tree.
import { execFileSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/** A ref the user named that git cannot resolve; the CLI prints its message as the one-line reason. */
export class BadRefError extends Error {}

export function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Top of the git checkout containing `cwd`. */
export function repoRootOf(cwd: string): string {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new BadRefError(`${cwd} is not inside a git repository`);
  }
}

/** The full commit id a ref names; a clear error when it names none. */
export function resolveCommit(repoRoot: string, ref: string): string {
  if (ref.startsWith("-")) throw new BadRefError(`bad git ref "${ref}"`);
  try {
    return git(repoRoot, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new BadRefError(`unknown git ref "${ref}": no such commit in ${repoRoot}`);
  }
}

export function isDirty(repoRoot: string): boolean {
  return git(repoRoot, ["status", "--porcelain", "--untracked-files=normal"]) !== "";
}

/** Checks `commit` out, detached, into `dir` (a new linked worktree). */
export function addWorktree(repoRoot: string, commit: string, dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  git(repoRoot, ["worktree", "add", "--detach", "--force", "--quiet", dir, commit]);
}

/** Removes a linked worktree and its administrative files; safe to call when it was never created. */
export function removeWorktree(repoRoot: string, dir: string): void {
  try {
    git(repoRoot, ["worktree", "remove", "--force", "--force", dir]);
  } catch {
    // already gone or never added: fall through to the directory and the prune
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  try {
    git(repoRoot, ["worktree", "prune"]);
  } catch {}
}

/**
 * Copies the working tree as it is (tracked files with their edits, plus untracked files that are not ignored)
 * into `dir`, so the head is built exactly like the base and nothing is written into the user's checkout.
 */
export function snapshotWorkingTree(repoRoot: string, dir: string): void {
  const listed = git(repoRoot, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  mkdirSync(dir, { recursive: true });
  // .cache/ holds this review's own scratch trees; skip it even in a repository that does not ignore it.
  for (const path of new Set(listed.split("\0").filter((p) => p && !p.startsWith(".cache/")))) {
    const from = join(repoRoot, path);
    try {
      const stat = lstatSync(from);
      if (stat.isDirectory()) continue; // a nested repository or submodule: not part of this tree's sources
    } catch {
      continue; // deleted in the working tree
    }
    const to = join(dir, path);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { preserveTimestamps: true, verbatimSymlinks: true });
  }
}
