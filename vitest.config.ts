import { defineConfig } from "vitest/config";

// One command runs every package's tests: each project has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "workers/*/vitest{,.node}.config.ts",
      "{stacks,nginx,test}/vitest.config.ts",
    ],
  },
});
