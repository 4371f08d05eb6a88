import { randomBytes } from "node:crypto";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { IMAGE_FIXTURES_DIR } from "@edge/fixtures";
import { defineConfig } from "vitest/config";
import { compilePolicy } from "./scripts/compile-policy.ts";
import { STAND_IN_CREDENTIALS } from "./test/node/cdn-metrics-stand-ins.ts";

compilePolicy();

/** The purge bearer secret of the test runs (a secret binding in production, never a var). */
export const TEST_PURGE_TOKEN = "test-purge-token-0123456789";

/** The origin-auth secret of this run: fresh per run and shaped like production's (`openssl rand -hex 32`). */
const TEST_ORIGIN_AUTH_SECRET = randomBytes(32).toString("hex");

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        compatibilityDate: "2026-08-22",
        // The origin is a real HTTP server on 127.0.0.1 started by test/node/global-setup.ts.
        bindings: {
          ORIGIN_URL: inject("originUrl"),
          PURGE_TOKEN: TEST_PURGE_TOKEN,
          // The model's default originAuth.workerSecretBinding; test/origin-auth.test.ts reads it from env.
          ORIGIN_AUTH_SECRET: TEST_ORIGIN_AUTH_SECRET,
          // The CDN metrics publisher talks to local stand-ins (test/node/cdn-metrics-stand-ins.ts) with test secrets.
          ANALYTICS_SQL_URL: inject("analyticsSqlUrl"),
          CLOUDWATCH_URL: inject("cloudwatchUrl"),
          CF_ACCOUNT_ID: STAND_IN_CREDENTIALS.accountId,
          CF_ANALYTICS_TOKEN: STAND_IN_CREDENTIALS.analyticsToken,
          AWS_ACCESS_KEY_ID: STAND_IN_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: STAND_IN_CREDENTIALS.secretAccessKey,
        },
        // fixtures/images (the repository's @edge/fixtures) served read-only to the image tests (a workerd disk service).
        serviceBindings: {
          IMAGE_FIXTURES: {
            disk: {
              path: IMAGE_FIXTURES_DIR,
              writable: false,
            },
          },
        },
      },
    })),
  ],
  test: {
    name: "worker",
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    exclude: ["test/node/**"],
    globalSetup: ["./test/node/global-setup.ts"],
    // Bounds against hangs on a loaded 2-core CI machine, not assertions on speed.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
