import { defineConfig } from "vitest/config";
import { LongestFirstSequencer } from "./vitest.sequencer.ts";

// One command runs every package's tests: each project has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "workers/*/vitest{,.node}.config.ts",
      "{stacks,nginx,test}/vitest.config.ts",
    ],
    // Vitest's default is one worker fewer than the cores: ONE on the 2-core CI machine, so every file ran in
    // series and the recipes file (which waits on a child vitest) held the only worker for over a minute.
    // Files are independent processes (isolate) or workerd instances: both cores are safe to use.
    maxWorkers: "100%",
    // The few files that take far longer than the rest start first, so the others fill the second worker.
    sequence: { sequencer: LongestFirstSequencer },
  },
});
