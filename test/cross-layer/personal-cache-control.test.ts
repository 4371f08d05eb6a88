// Personal answers across the layers: for every cacheable class with personal requests (Authorization, a
// session cookie), the real NGINX, the real worker (workerd) alone and the production chain worker → NGINX →
// origin send the same Cache-Control, and it is never the class's public value. Anonymous requests keep it.
import { createServer, type Server } from "node:http";
import { newOriginAuthValue, type RunningNginx, startRenderedNginx } from "@edge/nginx/local";
import type { CachePolicy } from "@edge/platform";
import { type Platform, resolvePlatform } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import { compileClassifier } from "@edge/platform/routing";
import { type EdgeWorker, startEdgeWorker } from "@edge/worker/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePaths } from "../support/agreement.ts";

const ENV = "production";
const base = resolvePlatform(ENV).routeClasses;
/** Beside the example's api and html: a class that ignores the origin's value, and a proxy class. */
const overrides = {
  rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } },
  routeClasses: {
    account: {
      ...structuredClone(base.api!),
      description: "own Cache-Control, a dotted session cookie, no Authorization bypass",
      match: [{ prefix: "/account/" }],
      cache: {
        ...structuredClone(base.api!.cache),
        respectOriginCacheControl: false,
        bypassOnAuthorization: false,
        bypassOnCookies: ["my-sess.v2"],
      },
    },
    feeds: {
      ...structuredClone(base.api!),
      description: "proxied with the api's cache policy",
      handler: "proxy" as const,
      match: [{ prefix: "/feeds/" }],
    },
  },
};
const platform: Platform = resolvePlatform(ENV, { overrides });
/** The classes the model gives personal requests (a model edited by the guide's recipes adds its own). */
const personalClasses = Object.entries(platform.routeClasses)
  .filter(([, rc]) => rc.cache.mode === "cache")
  .filter(([, rc]) => rc.cache.bypassOnAuthorization || rc.cache.bypassOnCookies.length > 0)
  .map(([name]) => name);
/** One path per such class: the first of the shared sample paths the model classifies into it. */
const samplePath: Record<string, string> = {};
const classify = compileClassifier(platform.routeClasses);
for (const path of samplePaths(platform)) {
  const className = classify(path);
  if (personalClasses.includes(className)) samplePath[className] ??= path;
}

/** An origin that answers `?status=` with `?cc=` as its Cache-Control (none without it). */
async function startOrigin(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://origin");
    req.resume();
    const cc = url.searchParams.get("cc");
    const json = url.pathname.endsWith(".json") || url.pathname.startsWith("/api/");
    const body = json ? '{"ok":true}\n' : "<!doctype html><title>t</title><p>ok</p>\n";
    res.writeHead(Number(url.searchParams.get("status") ?? 200), {
      "Content-Type": json ? "application/json" : "text/html; charset=utf-8",
      ...(cc ? { "Cache-Control": cc } : {}),
    });
    res.end(body);
  });
  server.keepAliveTimeout = 75_000; // above nginx's upstream keepalive_timeout
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

interface Case {
  name: string;
  headers: Record<string, string>;
  status?: number;
  originCc?: string;
  /** What every layer must send, from the model. */
  want: string | undefined;
  /** The class bypasses this request: its answer is one user's. */
  personal?: boolean;
}

/** The cases of one class, with the model's answer for each. */
function casesFor(cache: CachePolicy): Case[] {
  const classValue = cacheControlFor(cache);
  const bypass = cacheControlFor({ ...cache, mode: "bypass" });
  const respect = cache.respectOriginCacheControl;
  const own = "private, max-age=60";
  // The origin's own `public` on a personal answer is the origin's explicit choice (RFC 9111 §3.5): kept.
  const loud = "public, max-age=99";
  const cases: Case[] = [
    { name: "anonymous", headers: {}, want: classValue },
    { name: "anonymous, origin's value", headers: {}, originCc: own, want: respect ? own : classValue },
  ];
  const personal = (name: string, headers: Record<string, string>) =>
    cases.push(
      { name, headers, want: bypass, personal: true },
      {
        name: `${name}, origin's value`,
        headers,
        originCc: own,
        want: respect ? own : bypass,
        personal: true,
      },
      {
        name: `${name}, origin says public`,
        headers,
        originCc: loud,
        want: respect ? loud : bypass,
        personal: true,
      },
      { name: `${name}, 404`, headers, status: 404, want: bypass, personal: true },
    );
  for (const cookie of cache.bypassOnCookies)
    personal(`cookie ${cookie}`, { Cookie: `theme=dark; ${cookie}=u1` });
  const auth = { Authorization: "Bearer u1" };
  if (cache.bypassOnAuthorization) personal("Authorization", auth);
  else cases.push({ name: "Authorization (no bypass in the model)", headers: auth, want: classValue });
  return cases;
}

describe("personal answers: NGINX, the worker and the chain agree, never public", () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  let nginx: RunningNginx;
  let alone: EdgeWorker;
  let chain: EdgeWorker;
  const originAuth = { name: platform.originAuth.headerName, value: newOriginAuthValue() };

  beforeAll(async () => {
    origin = await startOrigin();
    const port = Number(new URL(origin.url).port);
    const servers = [{ host: "127.0.0.1", port }];
    nginx = await startRenderedNginx({
      platform,
      render: {
        plainHttp: "serve",
        upstreamOverrides: Object.fromEntries(Object.keys(platform.pools).map((p) => [p, servers])),
      },
      originAuthValues: [originAuth.value],
    });
    const secrets = { [platform.originAuth.workerSecretBinding]: originAuth.value };
    alone = await startEdgeWorker({ environment: ENV, originUrl: origin.url, platform, secrets });
    chain = await startEdgeWorker({
      environment: ENV,
      originUrl: `http://127.0.0.1:${nginx.httpPort}`,
      platform,
      secrets,
    });
  });
  afterAll(async () => {
    await chain?.dispose();
    await alone?.dispose();
    await nginx?.stop();
    await new Promise<void>((r) => {
      if (!origin) return r();
      origin.server.closeAllConnections();
      origin.server.close(() => r());
    });
  });

  it("every class with personal requests is covered", () => {
    expect(personalClasses).toEqual(expect.arrayContaining(["api", "html", "account", "feeds"]));
    expect(Object.keys(samplePath).sort()).toEqual([...personalClasses].sort());
  });

  it.each(Object.entries(samplePath))(
    "%s: the same Cache-Control in every layer",
    async (className, path) => {
      const classValue = cacheControlFor(platform.routeClasses[className]!.cache);
      let n = 0;
      for (const c of casesFor(platform.routeClasses[className]!.cache)) {
        const query = new URLSearchParams({ n: String(n++), ...(c.originCc ? { cc: c.originCc } : {}) });
        if (c.status) query.set("status", String(c.status));
        const target = `${path}?${query}`;
        const layers = {
          nginx: await fetch(`http://127.0.0.1:${nginx.httpPort}${target}`, {
            headers: { ...c.headers, [originAuth.name]: originAuth.value },
          }),
          worker: await fetch(`${alone.url}${target}`, { headers: c.headers }),
          chain: await fetch(`${chain.url}${target}`, { headers: c.headers }),
        };
        for (const [layer, res] of Object.entries(layers)) {
          await res.arrayBuffer();
          const got = res.headers.get("cache-control") ?? undefined;
          if (c.personal) expect(got, `${className} ${c.name} via ${layer}`).not.toBe(classValue);
          expect({ status: res.status, cc: got }, `${className} ${c.name} via ${layer}`).toEqual({
            status: c.status ?? 200,
            cc: c.want,
          });
        }
      }
    },
  );
});
