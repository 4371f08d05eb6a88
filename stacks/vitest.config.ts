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
    // One worker process runs many files: the provider modules (the heaviest imports) load once per worker, not
    // once per file. Safe because no test or stack module keeps mutable module state: proven by the project
    // passing with isolate off in shuffled orders (`vitest run --config stacks/vitest.config.ts --sequence.shuffle`).
    isolate: false,
  },
});
