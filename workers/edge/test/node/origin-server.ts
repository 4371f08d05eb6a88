// A controllable origin for the worker's tests and benchmark: a real HTTP server on 127.0.0.1 (port 0).
// Tests program it per path (status, headers, body, delay, failure mode) and read its fetch counters, so the
// worker's real fetch, Cache API and timing paths run unmodified. Not a mock of the worker: it is the origin.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { FIXTURES_DIR } from "@edge/fixtures";
import type { RouteSpec } from "../support/route-spec.ts";

export type { RouteSpec };

interface PathStats {
  count: number;
  last?: { url: string; method: string; headers: IncomingMessage["headers"] };
}

const FIXTURES = pathToFileURL(FIXTURES_DIR);

export interface Origin {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

export async function startOrigin(): Promise<Origin> {
  const routes = new Map<string, RouteSpec>();
  const stats = new Map<string, PathStats>();
  const fixtures = new Map<string, Buffer>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const url = new URL(`http://origin${req.url ?? "/"}`);
    if (url.pathname.startsWith("/__origin/")) return control(req, res, url);
    const entry = record(req, url);
    const spec = routes.get(url.pathname) ?? {};
    const answer = () => {
      if (spec.fail === "reset") return req.socket.destroy();
      if (spec.fail === "hang") return;
      let body: string | Buffer = spec.body ?? JSON.stringify({ path: url.pathname, n: entry.count });
      if (spec.fixture) {
        let bytes = fixtures.get(spec.fixture);
        if (!bytes) {
          bytes = readFileSync(new URL(spec.fixture, FIXTURES));
          fixtures.set(spec.fixture, bytes);
        }
        body = bytes;
      }
      const headers: Record<string, string | string[]> = {
        "Content-Type": "application/json",
        "Cache-Control": "public, max-age=60",
        // What real stacks leak; the worker must strip them.
        "X-Powered-By": "Express",
        ...spec.headers,
      };
      for (const name of spec.echoHeaders ?? []) {
        const value = req.headers[name.toLowerCase()];
        if (value !== undefined) headers[name] = value;
      }
      res.writeHead(spec.status ?? 200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    // Like a real application server: read the whole request body before answering.
    req.on("error", () => {});
    req.resume();
    req.on("end", () => {
      if (spec.delayMs) setTimeout(answer, spec.delayMs);
      else answer();
    });
  });

  /** Counts a request to a path and keeps it as the path's last one (plain requests and upgrades alike). */
  function record(req: IncomingMessage, url: URL): PathStats {
    const entry = stats.get(url.pathname) ?? { count: 0 };
    entry.count++;
    entry.last = { url: req.url ?? "", method: req.method ?? "", headers: req.headers };
    stats.set(url.pathname, entry);
    return entry;
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const send = (value: unknown) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === "/__origin/routes" && req.method === "POST") {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        const { path, ...spec } = JSON.parse(text) as RouteSpec & { path: string };
        routes.set(path, spec);
        send({ ok: true });
      });
      return;
    }
    if (url.pathname === "/__origin/stats") {
      const path = url.searchParams.get("path") ?? "";
      return send(stats.get(path) ?? { count: 0 });
    }
    res.writeHead(404);
    res.end();
  }

  // WebSocket echo (RFC 6455, unfragmented frames): enough to prove the worker passes upgrades through.
  server.on("upgrade", (req, socket: Socket) => {
    record(req, new URL(`http://origin${req.url ?? "/"}`));
    const key = req.headers["sec-websocket-key"];
    if (typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket") {
      socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    let buffered = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const opcode = buffered[0]! & 0x0f;
        let length = buffered[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        }
        const masked = (buffered[1]! & 0x80) !== 0;
        const maskAt = offset;
        if (masked) offset += 4;
        if (buffered.length < offset + length) return;
        const payload = Buffer.from(buffered.subarray(offset, offset + length));
        if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffered[maskAt + (i % 4)]!;
        buffered = buffered.subarray(offset + length);
        if (opcode === 0x8) return socket.end(Buffer.from([0x88, 0]));
        if (opcode === 0x1) {
          const out = Buffer.from(`echo:${payload.toString()}`);
          const header =
            out.length < 126
              ? Buffer.from([0x81, out.length])
              : Buffer.from([0x81, 126, out.length >> 8, out.length & 0xff]);
          socket.write(Buffer.concat([header, out]));
        }
      }
    });
    socket.on("error", () => {});
  });

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
