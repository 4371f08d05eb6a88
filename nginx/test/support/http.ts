import { type Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Nginx } from "./processes.ts";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Plain HTTP to the redirect server instead of HTTPS. @default false */
  plain?: boolean;
  agent?: HttpAgent | HttpsAgent;
  /** Send the edge's origin-auth header (`nginx.originAuth`), as the worker does. @default true */
  originAuth?: boolean;
}

/** The header the edge sends, for clients that are not {@link request} (WebSocket, HTTP/2, wrk, the Observatory). */
export const originAuthHeaders = (nginx: Nginx): Record<string, string> => ({
  [nginx.originAuth.header]: nginx.originAuth.value,
});

/**
 * One request to the local nginx (HTTPS, trusting its self-signed certificate), carrying the edge's origin-auth
 * header unless `originAuth: false` (`headers` may override it). Never follows redirects.
 */
export function request(nginx: Nginx, path: string, options: RequestOptions = {}): Promise<Reply> {
  const send = options.plain ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: "127.0.0.1",
        port: options.plain ? nginx.httpPort : nginx.httpsPort,
        path,
        method: options.method ?? "GET",
        headers: { ...(options.originAuth === false ? {} : originAuthHeaders(nginx)), ...options.headers },
        ca: nginx.cert,
        agent: options.agent ?? false,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString() });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A keep-alive HTTPS agent trusting the nginx certificate (load loops reuse connections). */
export const keepAliveAgent = (nginx: Nginx, maxSockets = 8) =>
  new HttpsAgent({ keepAlive: true, maxSockets, ca: nginx.cert });

/** Runs `total` requests with `concurrency` workers; `onDone(i)` fires after each completes. Bounded by count. */
export async function load(
  total: number,
  concurrency: number,
  one: (i: number) => Promise<Reply>,
  onDone?: (done: number) => void | Promise<void>,
): Promise<Reply[]> {
  const replies: Reply[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      replies[i] = await one(i).catch(
        (error: Error) => ({ status: -1, headers: {}, body: Buffer.alloc(0), text: error.message }) as Reply,
      );
      await onDone?.(replies.filter(Boolean).length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return replies;
}
