import { defineConfig } from "vitest/config";
import { compilePolicy } from "./scripts/compile-policy.ts";

compilePolicy();

// Node-side tests of the worker: the bundle run in workerd via Miniflare and checked by Node tools
// (the MDN HTTP Observatory). The workerd-side tests are in vitest.config.ts.
export default defineConfig({
  test: { name: "worker-node", include: ["test/node/**/*.test.ts"], testTimeout: 30_000 },
});
