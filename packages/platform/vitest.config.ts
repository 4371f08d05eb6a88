import { defineConfig } from "vitest/config";

export default defineConfig({
  // The EDGE_MODEL tests start the CLI in child processes: a bound against hangs on a busy CI machine.
  test: { name: "platform", include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
