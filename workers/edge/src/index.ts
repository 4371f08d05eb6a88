import { securityHeadersFor } from "@edge/platform/headers";
import { Hono } from "hono";
import type { Env } from "./env.ts";
import { policyFor } from "./policy.ts";

// Skeleton: the full app (routing by route class, caching, images, HTML) is built under src/middleware/*.
const app = new Hono<{ Bindings: Env }>();

app.get("*", (c) => {
  const policy = policyFor(c.env.ENVIRONMENT);
  const res = c.text("edge worker skeleton", 200);
  for (const [name, value] of Object.entries(securityHeadersFor(policy.securityHeaders, "api"))) {
    res.headers.set(name, value);
  }
  return res;
});

export default app;
