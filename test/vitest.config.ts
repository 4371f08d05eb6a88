import { defineConfig } from "vitest/config";

// Cross-layer agreement tests and the CI workflow checks (test/workflows).
export default defineConfig({
  test: { name: "cross-layer", include: ["**/*.test.ts"], exclude: ["**/node_modules/**"] },
});
