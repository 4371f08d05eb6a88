import { defineConfig } from "vitest/config";

export default defineConfig({
  // The EDGE_MODEL tests start the CLI in child processes: a bound against hangs on a busy CI machine.
  test: {
    name: "platform",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // One worker runs many files (no per-file process start): safe because the model modules keep no mutable
    // state, proven by the project passing with isolate off in shuffled orders (`--sequence.shuffle`).
    isolate: false,
  },
});
