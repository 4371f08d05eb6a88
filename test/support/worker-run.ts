import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fixturePath } from "@edge/fixtures";
import { startEdgeWorker } from "@edge/worker/local";

const FIXTURE_IMAGE = fixturePath("images/paris-403x302-exif-xmp-icc.jpg");

/**
 * A plain origin for observing the worker alone: no Cache-Control, no security headers, so every such header
 * in a response is the worker's own doing. Images come from a real fixture.
 */
export async function startPlainOrigin(): Promise<{ url: string; close(): Promise<void> }> {
  const jpeg = readFileSync(FIXTURE_IMAGE);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    req.resume();
    if (path.startsWith("/images/")) {
      res.writeHead(200, { "Content-Type": "image/jpeg", "Content-Length": jpeg.length });
      return res.end(jpeg);
    }
    const body = path.startsWith("/api/") ? '{"ok":true}\n' : "<!doctype html><title>t</title><p>ok</p>\n";
    const type = path.startsWith("/api/") ? "application/json" : "text/html; charset=utf-8";
    res.writeHead(200, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Starts the real edge worker (wrangler + workerd) for one environment against `originUrl`. */
export const startWorker = (environment: string, originUrl: string) =>
  startEdgeWorker({ environment, originUrl });
