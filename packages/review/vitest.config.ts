import { defineConfig } from "vitest/config";

export default defineConfig({
  // The end-to-end tests build real trees (git worktrees, synth, wrangler): give them room on a 2-core CI box.
  test: { name: "review", include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
