import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { compilePolicy } from "./scripts/compile-policy.ts";

compilePolicy();

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: { compatibilityDate: "2026-08-22" },
    }),
  ],
  test: { name: "worker", include: ["test/**/*.test.ts", "src/**/*.test.ts"] },
});
