// Starts the test origin once for the worker project and hands its URL to the Miniflare bindings (inject).
import type { TestProject } from "vitest/node";
import { startCdnMetricsStandIns } from "./cdn-metrics-stand-ins.ts";
import { startOrigin } from "./origin-server.ts";

declare module "vitest" {
  interface ProvidedContext {
    originUrl: string;
    analyticsSqlUrl: string;
    cloudwatchUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const origin = await startOrigin();
  project.provide("originUrl", origin.url);
  const standIns = await startCdnMetricsStandIns();
  project.provide("analyticsSqlUrl", standIns.analyticsUrl);
  project.provide("cloudwatchUrl", standIns.cloudwatchUrl);
  return async () => {
    await standIns.close();
    await origin.close();
  };
}
