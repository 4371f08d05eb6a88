import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "nginx", include: ["test/**/*.test.ts"] },
});
