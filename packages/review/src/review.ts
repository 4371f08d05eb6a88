// The review as a function: check out base (and head), build both, render the report, always clean up.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { linkNodeModules } from "./collect/link-node-modules.ts";
import { killRunning } from "./collect/run.ts";
import { collectSide } from "./collect/side.ts";
import {
  addWorktree,
  isDirty,
  removeWorktree,
  repoRootOf,
  resolveCommit,
  snapshotWorkingTree,
} from "./collect/trees.ts";
import { renderReport } from "./report/index.ts";
import type { ReviewData, SideResult } from "./types.ts";

export interface ReviewOptions {
  /** The git ref to compare against (`main`, `HEAD~1`, a tag, a commit id). */
  base: string;
  /** The ref to review. @default the working tree, uncommitted changes included */
  head?: string;
  /** Any directory inside the repository. @default process.cwd() */
  cwd?: string;
  /** Keep the temporary trees (for debugging the review itself). @default false */
  keepTrees?: boolean;
}

export interface ReviewResult {
  markdown: string;
  data: ReviewData;
}

/** The scratch directory of one review run, inside the repository's git-ignored `.cache/`. */
function scratchDir(repoRoot: string): string {
  return join(repoRoot, ".cache", "review", `${process.pid}-${randomBytes(3).toString("hex")}`);
}

export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const repoRoot = repoRootOf(options.cwd ?? process.cwd());
  // Refs are checked before anything is created, so a typo costs nothing and leaves nothing behind.
  const baseCommit = resolveCommit(repoRoot, options.base);
  const headCommit = options.head ? resolveCommit(repoRoot, options.head) : resolveCommit(repoRoot, "HEAD");
  const scratch = scratchDir(repoRoot);
  const baseTree = join(scratch, "base");
  const headTree = join(scratch, "head");
  const worktrees: string[] = [];
  const cleanup = () => {
    killRunning();
    if (options.keepTrees) return;
    for (const tree of worktrees) removeWorktree(repoRoot, tree);
    // Retries: a just-killed step may still be writing into its tree.
    rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    mkdirSync(scratch, { recursive: true });
    worktrees.push(baseTree);
    addWorktree(repoRoot, baseCommit, baseTree);
    let dirty = false;
    if (options.head) {
      worktrees.push(headTree);
      addWorktree(repoRoot, headCommit, headTree);
    } else {
      dirty = isDirty(repoRoot); // before the copy, so the label describes what was copied
      snapshotWorkingTree(repoRoot, headTree);
    }
    linkNodeModules(repoRoot, baseTree);
    linkNodeModules(repoRoot, headTree);
    const [baseParts, headParts] = await Promise.all([collectSide(baseTree), collectSide(headTree)]);
    const base: SideResult = { ref: options.base, commit: baseCommit, ...baseParts };
    const head: SideResult = options.head
      ? { ref: options.head, commit: headCommit, ...headParts }
      : { ref: "working tree", commit: headCommit, dirty, ...headParts };
    const data: ReviewData = { base, head };
    return { markdown: renderReport(data), data };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    cleanup();
  }
}
