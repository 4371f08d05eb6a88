import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { compilePolicy } from "./scripts/compile-policy.ts";

compilePolicy();

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        compatibilityDate: "2026-08-22",
        // Image fixtures served read-only by workerd's disk service (tests can't read the filesystem).
        serviceBindings: {
          IMAGE_FIXTURES: {
            disk: { path: fileURLToPath(new URL("../../../shared/fixtures/images", import.meta.url)) },
          },
        },
      },
    }),
  ],
  test: { name: "worker", include: ["test/**/*.test.ts", "src/**/*.test.ts"] },
});
