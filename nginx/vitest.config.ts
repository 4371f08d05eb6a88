import { defineConfig } from "vitest/config";

export default defineConfig({
  // Real nginx and node upstreams start per file; on a loaded 2-core CI machine that can pass vitest's 5 s/10 s
  // defaults. These are bounds on hanging, not assertions on speed.
  test: { name: "nginx", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
});
