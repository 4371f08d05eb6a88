// The MDN HTTP Observatory's header tests on real responses of the worker (bundle in workerd via Miniflare),
// for an HTML page of the shared fixtures. Offline: the tests run on the retrieved response, as the Observatory
// does after its own retrieval. HTTP is not served by the worker (the zone's Always Use HTTPS redirects before
// it), so the HTTP leg is "no HTTP" rather than a made-up redirect.
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Origin, startOrigin } from "./origin-server.ts";
import { bundleWorker, startWorker } from "./worker-process.ts";

// Installed without its postinstall (which downloads lists): give it the empty preload list it reads.
const pkg = dirname(createRequire(import.meta.url).resolve("@mdn/mdn-http-observatory/package.json"));
const preload = join(pkg, "conf", "hsts-preload.json");
if (!existsSync(preload)) writeFileSync(preload, "{}\n");

const { ALL_TESTS } = await import("@mdn/mdn-http-observatory/src/constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await import("@mdn/mdn-http-observatory/src/grader/charts.js");
const { getGradeForScore, getScoreModifier } = await import("@mdn/mdn-http-observatory/src/grader/grader.js");
const { Requests } = await import("@mdn/mdn-http-observatory/src/types.js");
const { parseHttpEquivHeaders } = await import("@mdn/mdn-http-observatory/src/retriever/utils.js");

interface Grade {
  grade: string;
  score: number;
  tests: Record<string, { result: string; pass: boolean; modifier: number }>;
}

/** Grades one response exactly as the Observatory's scanner does (same tests, modifiers and curve). */
function grade(url: URL, status: number, headers: Headers, body: string): Grade {
  const map: Record<string, string> = {};
  for (const [name, value] of headers) map[name] = value;
  Object.defineProperty(map, "get", { value: (name: string) => map[name.toLowerCase()], enumerable: false });
  const requests = new Requests(url.hostname);
  const response = {
    status,
    statusText: "OK",
    headers: map,
    data: body,
    verified: true,
    httpEquiv: parseHttpEquivHeaders(body, url.href),
  };
  requests.responses.auto = response;
  requests.responses.https = response;
  requests.resources.path = body;
  requests.session = { url, redirectHistory: [{ url, status }] };
  let withExtraCredit = 100;
  let uncurved = 100;
  const tests: Grade["tests"] = {};
  for (const test of ALL_TESTS) {
    const out = test(requests);
    const modifier = out.result ? getScoreModifier(out.result) : 0;
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[out.constructor.name] = { result: out.result, pass: out.pass, modifier };
  }
  const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
  return { grade: getGradeForScore(score).grade, score, tests };
}

describe("MDN HTTP Observatory on the worker's responses", () => {
  let origin: Origin;
  let worker: Miniflare;

  beforeAll(async () => {
    origin = await startOrigin();
    worker = await startWorker(bundleWorker(), origin.url);
  }, 60_000);
  afterAll(async () => {
    await worker?.dispose();
    await origin?.close();
  });

  it("an HTML page gets A+ (score ≥ 100)", async () => {
    await fetch(`${origin.url}/__origin/routes`, {
      method: "POST",
      body: JSON.stringify({
        path: "/blog/standalone-wasm",
        fixture: "html/v8-blog-standalone-wasm.html",
        headers: { "Content-Type": "text/html; charset=utf-8", Server: "nginx", "X-Powered-By": "Express" },
      }),
    });
    const url = new URL("https://example.com/blog/standalone-wasm");
    const res = await worker.dispatchFetch(url.href);
    const body = await res.text();
    expect(res.status).toBe(200);
    const result = grade(url, res.status, res.headers as unknown as Headers, body);
    console.log(`Observatory: ${result.grade} (${result.score})`, JSON.stringify(result.tests));
    for (const [name, t] of Object.entries(result.tests))
      expect(t.modifier, `${name}: ${t.result}`).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeGreaterThanOrEqual(100);
    expect(result.grade).toBe("A+");
  });
});
