import { join, resolve } from "node:path";
import { ENVIRONMENT_NAMES, resolvePlatform } from "@edge/platform";
import { CDN_METRICS } from "@edge/stacks";
import { CDN_METRIC_NAMES } from "@edge/worker/cdn-metrics";
import { describe, expect, it } from "vitest";
import { experimental_readRawConfig } from "wrangler";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);

type Dataset = { binding: string; dataset: string };
type WranglerBlock = { analytics_engine_datasets?: Dataset[]; triggers?: { crons?: string[] } };

/**
 * The CDN hit ratio crosses three layers: the worker writes Analytics Engine data points and publishes
 * CloudWatch metrics, the AWS stack alarms and graphs them. Names written in two places must agree.
 */
describe("CDN hit ratio: worker, wrangler and stacks agree", () => {
  const raw = experimental_readRawConfig({ config: join(ROOT, "workers/edge/wrangler.jsonc") })
    .rawConfig as WranglerBlock & { env?: Record<string, WranglerBlock> };

  it("publishes the metric names and dimensions the stacks alarm on", () => {
    expect(CDN_METRIC_NAMES).toEqual(CDN_METRICS);
  });

  for (const env of ENVIRONMENT_NAMES) {
    it(`${env}: binds the model's dataset (slo.cdn.dataset) and runs the publisher every minute`, () => {
      const block = raw.env?.[env] ?? raw;
      expect(block.analytics_engine_datasets ?? raw.analytics_engine_datasets).toEqual([
        { binding: "CACHE_ANALYTICS", dataset: resolvePlatform(env).slo.cdn.dataset },
      ]);
      expect((block.triggers ?? raw.triggers)?.crons).toEqual(["* * * * *"]);
    });
  }
});
