// A small upstream for the nginx tests and the benchmark: `node upstream-server.ts NAME` listens on
// 127.0.0.1:0 and prints {"port":N}. Every response names the server (X-Upstream), so tests see who answered.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { WebSocketServer } from "ws";

const name = process.argv[2] ?? "upstream";
const counts: Record<string, number> = {};

function answer(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const url = new URL(req.url ?? "/", "http://upstream");
  if (url.pathname === "/__stats") {
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ name, counts }));
    return;
  }
  counts[req.method ?? "GET"] = (counts[req.method ?? "GET"] ?? 0) + 1;
  const status = Number(url.searchParams.get("status") ?? 200);
  const size = url.searchParams.get("size");
  // Browsers (and the Observatory) asking for a page get HTML; everything else JSON.
  const html = !url.searchParams.has("type") && String(req.headers.accept).includes("text/html");
  const headers: Record<string, string> = {
    "X-Upstream": name,
    "X-Powered-By": "Express",
    "Content-Type": url.searchParams.get("type") ?? (html ? "text/html; charset=utf-8" : "application/json"),
  };
  const cc = url.searchParams.get("cc");
  if (cc) headers["Cache-Control"] = cc;
  const csp = url.searchParams.get("csp");
  if (csp) headers["Content-Security-Policy"] = csp;
  const payload = size
    ? Buffer.from(
        "The quick brown fox jumps over the lazy dog. ".repeat(Math.ceil(Number(size) / 45)),
      ).subarray(0, Number(size))
    : html
      ? Buffer.from(
          `<!doctype html><html lang="en"><head><title>${name}</title></head><body><h1>${name}</h1></body></html>`,
        )
      : Buffer.from(
          JSON.stringify({
            server: name,
            method: req.method,
            url: req.url,
            bodyBytes: body.length,
            forwardedFor: req.headers["x-forwarded-for"] ?? null,
            connection: req.headers.connection ?? null,
            // Names only (Node lower-cases them): tests check which headers reached the application.
            headerNames: Object.keys(req.headers),
          }),
        );
  headers["Content-Length"] = String(payload.length);
  res.writeHead(status, headers).end(payload);
}

/** Responses held by `?hold=NAME` until `/__release?hold=NAME`: requests stay in progress for as long as a test needs. */
const held = new Map<string, (() => void)[]>();
/** A bound on hanging: a held response is sent anyway after this long. */
const HOLD_LIMIT_MS = 20_000;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url ?? "/", "http://upstream");
    const hold = url.searchParams.get("hold");
    if (url.pathname === "/__release" && hold) {
      const waiting = held.get(hold) ?? [];
      held.delete(hold);
      for (const release of waiting) release();
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ released: waiting.length }));
      return;
    }
    const send = () => answer(req, res, Buffer.concat(chunks));
    if (hold) {
      const timer = setTimeout(send, HOLD_LIMIT_MS);
      held.set(hold, [
        ...(held.get(hold) ?? []),
        () => {
          clearTimeout(timer);
          send();
        },
      ]);
      return;
    }
    // ?delay=ms holds the response for a while (a slow upstream).
    const delay = Number(url.searchParams.get("delay") ?? 0);
    setTimeout(send, Math.min(delay, 5000));
  });
});
// Above nginx's upstream keepalive_timeout (60 s), or nginx may reuse a connection Node is closing (502s).
server.keepAliveTimeout = 75_000;
server.headersTimeout = 76_000;

const wss = new WebSocketServer({ noServer: true });
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    // "headers?" answers with the upgrade request's header names (the origin-auth header must not be there).
    ws.on("message", (data) =>
      ws.send(
        data.toString() === "headers?"
          ? JSON.stringify(Object.keys(req.headers))
          : `${name}:${data.toString()}`,
      ),
    );
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object")
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
