import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "stacks",
    include: ["test/**/*.test.ts"],
    // Synthesis is CPU-bound; cdktf's Testing.app() leaves temp dirs, so keep them out of the home directory.
    env: { CHECKPOINT_DISABLE: "1" },
    // Whole-app synths run inside tests: bounds against hangs on a loaded CI machine, not speed assertions.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
