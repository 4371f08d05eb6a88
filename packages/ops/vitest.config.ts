import { defineConfig } from "vitest/config";

// The local-edge tests start nginx and workerd: generous bounds against hangs on a loaded CI machine.
export default defineConfig({
  test: { name: "ops", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 120_000 },
});
