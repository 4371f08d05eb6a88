import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { LongestFirstSequencer } from "./vitest.sequencer.ts";

// Vitest's default is one worker fewer than the cores: ONE on the 2-core CI machine, so every file ran in
// series and the recipes file (which waits on a child vitest) held the only worker for over a minute. A project
// config does not inherit the root's `maxWorkers`, but every project reads VITEST_MAX_WORKERS: one worker per
// core for all of them (files are separate processes or workerd instances). A value set by the caller wins.
process.env.VITEST_MAX_WORKERS ??= String(availableParallelism());

// One command runs every package's tests: each project has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "workers/*/vitest{,.node}.config.ts",
      "{stacks,nginx,test}/vitest.config.ts",
    ],
    // The few files that take far longer than the rest start first, so the others fill the second worker.
    sequence: { sequencer: LongestFirstSequencer },
  },
});
