import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { WebSocketServer } from "ws";

/** Which application pool a demo origin plays. */
export type DemoRole = "web" | "api" | "ws";

export interface DemoOrigin {
  role: DemoRole;
  /** Stable id, sent back in `X-Origin-Server` so tests can see which server answered. */
  id: string;
  port: number;
  /** Requests served, by `METHOD path?query`. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export interface DemoOriginOptions {
  role: DemoRole;
  id: string;
  /** fixtures directory (`@edge/fixtures`): HTML pages and images served by the web role. */
  fixturesDir: string;
  /** @default 0 (a free port) */
  port?: number;
  /** `Cache-Tag` values per request path (the model's `operations.classTags`), added to every answer. @default none */
  tagsFor?: (path: string) => readonly string[];
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

const PRODUCTS = Array.from({ length: 24 }, (_, i) => ({
  id: i + 1,
  name: `Product ${i + 1}`,
  priceCents: 1000 + i * 250,
}));

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  // The class tags set up front join the tags a handler sends (writeHead would replace them otherwise).
  const classTags = res.getHeader("Cache-Tag");
  if (classTags && headers["Cache-Tag"])
    headers = { ...headers, "Cache-Tag": `${headers["Cache-Tag"]},${classTags}` };
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Serves fixture files by name only (no path segments), so a demo origin never exposes the filesystem. */
async function fixture(dir: string, sub: string, name: string): Promise<Buffer | undefined> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) return undefined;
  try {
    return await readFile(join(dir, sub, name));
  } catch {
    return undefined;
  }
}

/** A sitemap of the fixture pages (what `pnpm warm --from sitemap` reads), on the host the request named. */
async function sitemap(opts: DemoOriginOptions, host: string): Promise<string> {
  const pages = (await readdir(join(opts.fixturesDir, "html"))).filter((n) => n.endsWith(".html")).sort();
  const locs = ["/", ...pages.map((n) => `/${n.slice(0, -".html".length)}`)].map(
    (p) => `  <url><loc>https://${host}${p}</loc></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.join("\n")}\n</urlset>\n`;
}

async function handleWeb(opts: DemoOriginOptions, url: URL, res: ServerResponse, host: string) {
  const path = url.pathname;
  if (path === "/sitemap.xml")
    return send(res, 200, await sitemap(opts, host), { "Content-Type": "application/xml; charset=utf-8" });
  if (path.startsWith("/images/")) {
    const name = path.slice("/images/".length);
    const bytes = await fixture(opts.fixturesDir, "images", name);
    if (!bytes) return send(res, 404, "no such image\n", { "Content-Type": "text/plain" });
    const type = IMAGE_TYPES[name.split(".").pop()!.toLowerCase()] ?? "application/octet-stream";
    return send(res, 200, bytes, { "Content-Type": type, "Cache-Control": "public, max-age=3600" });
  }
  if (path.startsWith("/assets/")) {
    const css = `/* ${path} */\nbody { font-family: system-ui, sans-serif; margin: 2rem; }\n`.repeat(20);
    return send(res, 200, css, { "Content-Type": "text/css; charset=utf-8" });
  }
  const page = path === "/" ? "v8-blog-standalone-wasm.html" : path.slice(1).replace(/\/$/, "");
  const html = await fixture(opts.fixturesDir, "html", page.endsWith(".html") ? page : `${page}.html`);
  if (!html)
    return send(res, 404, "<!doctype html><title>Not found</title><p>Not found</p>\n", {
      "Content-Type": "text/html; charset=utf-8",
    });
  return send(res, 200, html, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "public, max-age=0, s-maxage=300",
  });
}

function handleApi(url: URL, req: IncomingMessage, res: ServerResponse) {
  const json = (status: number, body: unknown, headers: Record<string, string>) =>
    send(res, status, `${JSON.stringify(body)}\n`, { "Content-Type": "application/json", ...headers });
  switch (url.pathname) {
    case "/api/products":
      return json(
        200,
        { products: PRODUCTS, servedAt: new Date().toISOString() },
        {
          "Cache-Control": "public, max-age=60, s-maxage=300",
          "Cache-Tag": "products,catalog",
        },
      );
    case "/api/me":
      // Personal: must never be cached or shared.
      return json(
        200,
        { user: "demo" },
        {
          "Cache-Control": "private, no-store",
          "Set-Cookie": "session=demo; HttpOnly; Secure; SameSite=Lax",
        },
      );
    case "/api/echo":
      return json(
        200,
        { method: req.method, query: Object.fromEntries(url.searchParams) },
        { "Cache-Control": "no-store" },
      );
    default:
      return json(404, { error: "not found" }, { "Cache-Control": "no-store" });
  }
}

/** Starts one demo origin on 127.0.0.1. Its keep-alive outlives nginx's upstream keepalive (no sporadic 502s). */
export async function startDemoOrigin(opts: DemoOriginOptions): Promise<DemoOrigin> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://origin.local");
    const key = `${req.method} ${url.pathname}${url.search}`;
    if (url.pathname !== "/__origin/stats" && url.pathname !== "/healthz")
      hits.set(key, (hits.get(key) ?? 0) + 1);
    res.setHeader("X-Origin-Server", opts.id);
    const tags = opts.tagsFor?.(url.pathname) ?? [];
    if (tags.length > 0) res.setHeader("Cache-Tag", tags.join(","));
    if (url.pathname === "/healthz") return send(res, 200, "ok\n", { "Content-Type": "text/plain" });
    if (url.pathname === "/__origin/stats") {
      // Lets the local edge and its tests count origin hits per request line.
      return send(res, 200, JSON.stringify(Object.fromEntries(hits)), {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
      });
    }
    // Drain request bodies so POSTs complete on keep-alive connections.
    req.resume();
    const work =
      opts.role === "api"
        ? Promise.resolve(handleApi(url, req, res))
        : handleWeb(
            opts,
            url,
            res,
            String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "localhost"),
          );
    work.catch(() => {
      if (!res.headersSent) send(res, 500, "demo origin error\n", { "Content-Type": "text/plain" });
    });
  });
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  if (opts.role === "ws") {
    const wss = new WebSocketServer({ server });
    wss.on("connection", (socket) => {
      socket.send(`hello from ${opts.id}`);
      socket.on("message", (data) => socket.send(`echo:${data.toString()}`));
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    role: opts.role,
    id: opts.id,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
