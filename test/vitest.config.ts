import { defineConfig } from "vitest/config";

// Cross-layer agreement tests and the CI workflow checks (test/workflows).
export default defineConfig({
  // Synth, wrangler and nginx start in these tests: generous bounds against hangs on a loaded CI machine.
  test: {
    name: "cross-layer",
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
