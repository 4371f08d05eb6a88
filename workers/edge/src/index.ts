import type { Hono } from "hono";
import { createEdgeApp } from "./app.ts";
import type { Env } from "./env.ts";
import { policyFor } from "./policy.ts";
import { publishCdnMetrics } from "./scheduled/cdn-metrics.ts";
import type { EdgeEnv } from "./types.ts";

/** One app per environment name, built on first use in this isolate. */
const apps = new Map<string, Hono<EdgeEnv>>();

export default {
  fetch(request, env, ctx) {
    const name = env.ENVIRONMENT ?? "production";
    let app = apps.get(name);
    if (!app) {
      app = createEdgeApp(policyFor(name));
      apps.set(name, app);
    }
    return app.fetch(request, env, ctx);
  },
  /** Cron trigger (wrangler.jsonc `triggers.crons`): the CDN hit ratio of the last minute to CloudWatch. */
  scheduled(controller, env, ctx) {
    ctx.waitUntil(publishCdnMetrics(env, policyFor(env.ENVIRONMENT), controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
