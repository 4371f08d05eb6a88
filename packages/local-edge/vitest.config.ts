import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "local-edge", include: ["test/**/*.test.ts"] },
});
