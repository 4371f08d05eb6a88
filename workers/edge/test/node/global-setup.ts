// Starts the test origin once for the worker project and hands its URL to the Miniflare bindings (inject).
import type { TestProject } from "vitest/node";
import { startOrigin } from "./origin-server.ts";

declare module "vitest" {
  interface ProvidedContext {
    originUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const origin = await startOrigin();
  project.provide("originUrl", origin.url);
  return () => origin.close();
}
