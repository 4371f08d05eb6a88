// Baseline (c): Hono's own cache middleware (hono/cache) in front of the same origin route.
import { Hono } from "hono";
import { cache } from "hono/cache";

const app = new Hono<{ Bindings: { ORIGIN_URL: string } }>();
app.get("/api/*", cache({ cacheName: "bench", cacheControl: "public, max-age=600" }));
app.get("/api/*", async (c) => {
  const url = new URL(c.req.url);
  const res = await fetch(c.env.ORIGIN_URL + url.pathname + url.search);
  return new Response(res.body, res);
});
export default app;
