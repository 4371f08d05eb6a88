import { defineConfig } from "vitest/config";

// The smoke test starts the whole local edge and Artillery: generous bounds against hangs on a loaded CI machine.
export default defineConfig({
  test: { name: "load", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 180_000 },
});
