import { createServer, type Server } from "node:http";

/** One programmed answer: status, extra headers and Cloudflare's JSON envelope. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  errors?: { code: number; message: string }[];
}

export interface PurgeCallSeen {
  zoneId: string;
  authorization: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for Cloudflare's `POST /zones/{zone_id}/purge_cache` on 127.0.0.1. It checks what the real
 * API checks that we rely on (bearer token, exactly one purge kind per body, at most 100 items — 500 URLs on
 * Enterprise), answers in Cloudflare's envelope, and plays programmed failures (429 with Retry-After, 5xx,
 * authentication errors) before answering normally.
 */
export async function startCloudflareStandIn(options: { token: string; urlLimit?: number }) {
  const calls: PurgeCallSeen[] = [];
  const queue: CannedAnswer[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = (
        status: number,
        errors: CannedAnswer["errors"] = [],
        headers = {},
        result: unknown = null,
      ) => {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(
          JSON.stringify({ success: errors.length === 0 && status === 200, errors, messages: [], result }),
        );
      };
      const match = /^\/client\/v4\/zones\/([0-9a-f]{32})\/purge_cache$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) return answer(404, [{ code: 7003, message: "Could not route" }]);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(400, [{ code: 1012, message: "Request must contain a valid JSON body" }]);
      }
      calls.push({ zoneId: match[1]!, authorization: req.headers.authorization ?? "", body });
      const canned = queue.shift();
      if (canned)
        return answer(canned.status, canned.errors ?? [{ code: 0, message: "canned" }], canned.headers);
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return answer(403, [{ code: 10000, message: "Authentication error" }]);
      const kinds = ["files", "tags", "hosts", "prefixes", "purge_everything"].filter((k) => k in body);
      if (kinds.length !== 1)
        return answer(400, [
          { code: 1012, message: `exactly one purge kind per request, got ${kinds.join(",")}` },
        ]);
      const items = body[kinds[0]!];
      const limit = kinds[0] === "files" ? (options.urlLimit ?? 100) : 100;
      if (
        kinds[0] !== "purge_everything" &&
        (!Array.isArray(items) || items.length === 0 || items.length > limit)
      )
        return answer(400, [{ code: 1134, message: `${kinds[0]}: 1 to ${limit} items per request` }]);
      return answer(200, [], {}, { id: `purge-${nextId++}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    apiBase: `http://127.0.0.1:${port}/client/v4`,
    calls,
    /** Answers the next requests with these, in order, before behaving normally again. */
    program: (...answers: CannedAnswer[]) => queue.push(...answers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
