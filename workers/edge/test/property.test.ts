// Property: whatever the request (path, query, headers, method, body), the worker answers without a 5xx and
// with the security headers, and never leaks Server/X-Powered-By. The app runs in-process in workerd with the
// real Cache API, HTMLRewriter and Images binding; the origin is the real test server on 127.0.0.1.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEdgeApp } from "../src/app.ts";
import { policyFor } from "../src/policy.ts";

const app = createEdgeApp(policyFor("production"));

const METHODS = [
  "GET",
  "GET",
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "TRACE",
  "PROPFIND",
];
const PREFIXES = [
  "/api/",
  "/assets/",
  "/images/",
  "/ws/",
  "/socket.io/",
  "/",
  "/__edge/",
  "/__edge/purge",
  "/docs/",
];
const EXTENSIONS = [
  "",
  "",
  ".js",
  ".css",
  ".html",
  ".jpg",
  ".png",
  ".svg",
  ".json",
  ".3f2a1b9c.js",
  ".woff2",
  ".txt",
];
const HOSTILE = [
  "%zz",
  "%00",
  "..",
  "%2e%2e",
  "%2f",
  "%5c",
  "//",
  "%C3%A9",
  "é",
  "~",
  ";x=1",
  "%",
  "*",
  "@",
  "'",
  "<x>",
];
const HEADER_NAMES = [
  "authorization",
  "cookie",
  "accept",
  "accept-language",
  "accept-encoding",
  "x-forwarded-host",
  "x-forwarded-scheme",
  "x-original-url",
  "x-rewrite-url",
  "x-http-method-override",
  "forwarded",
  "range",
  "if-none-match",
  "if-modified-since",
  "cache-control",
  "pragma",
  "upgrade",
  "content-type",
  "user-agent",
  "origin",
];
const QUERY_KEYS = [
  "a",
  "b",
  "w",
  "width",
  "q",
  "format",
  "fit",
  "dpr",
  "utm_source",
  "gclid",
  "page",
  "sort",
  "__edge_vary",
];

/** Printable ASCII only: what an HTTP client can put in a header value at all. */
const headerValue = fc.string({
  unit: fc.constantFrom(..."abcXYZ019 =;,/*.-_\"'<>%():@!?&+~"),
  maxLength: 40,
});
const segment = fc.oneof(
  fc.webSegment(),
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: fc.constantFrom(..."abc-_.~%20é"), maxLength: 12 }),
);
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { maxLength: 4 }), fc.constantFrom(...EXTENSIONS))
  .map(([prefix, segments, ext]) => `${prefix}${segments.join("/")}${ext}`);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(...QUERY_KEYS),
      fc.oneof(fc.webSegment(), fc.constantFrom("0", "-1", "1e9", "abc", "%zz", "avif", "9999")),
    ),
    {
      maxLength: 4,
    },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
const headers = fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 5 });
const request = fc.record({
  method: fc.constantFrom(...METHODS),
  path,
  query,
  headers,
  body: fc.option(fc.string({ maxLength: 64 }), { nil: undefined }),
});

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Generated): Promise<Response | undefined> {
  let req: Request;
  try {
    const withBody = r.body !== undefined && !["GET", "HEAD"].includes(r.method);
    req = new Request(`https://example.com${r.path}${r.query}`, {
      method: r.method,
      headers: r.headers,
      body: withBody ? r.body : undefined,
      redirect: "manual",
    });
  } catch {
    return undefined; // not a request any client could send (e.g. an invalid URL)
  }
  return app.fetch(req, env, createExecutionContext());
}

const REQUIRED = [
  "strict-transport-security",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
];

describe("property: hostile and random requests", () => {
  it("10,000 generated requests: never a 5xx, always the security headers", {
    timeout: 120_000,
  }, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 10, maxLength: 10 }), async (batch) => {
        // Ten at a time, concurrently: also exercises collapsing and cache races.
        const responses = await Promise.all(batch.map(send));
        for (const [i, res] of responses.entries()) {
          if (!res) continue;
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const what = `${batch[i]!.method} ${batch[i]!.path}${batch[i]!.query} ${JSON.stringify(batch[i]!.headers)}`;
          res.webSocket?.accept();
          res.webSocket?.close(1000);
          const body = res.body ? await res.text() : "";
          expect(res.status, `${what} → ${res.status} ${body.slice(0, 100)}`).toBeLessThan(500);
          for (const h of REQUIRED) expect(res.headers.has(h), `${what}: ${h}`).toBe(true);
          expect(res.headers.has("x-powered-by"), what).toBe(false);
          expect(res.headers.has("server"), what).toBe(false);
          expect(body, what).not.toMatch(/\n\s+at [\w.<>]+ \(/); // no stack traces
        }
      }),
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 20261123) },
    );
    console.log(
      `property: ${sent} requests answered; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(10_000 * 0.98);
  });
});
