import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { FIXTURES_DIR } from "@edge/fixtures";
import { newOriginAuthValue, type RunningNginx, startRenderedNginx } from "@edge/nginx/local";
import { resolvePlatform } from "@edge/platform";
import { firstLine, spawnTracked, stopChild } from "@edge/tooling";
import { startEdgeWorker } from "@edge/worker/local";
import type { DemoRole } from "./origins.ts";

const ROOT = resolve(new URL("../../..", import.meta.url).pathname);

export interface LocalEdgeOptions {
  /** Model environment to run. @default "staging" */
  environment?: string;
  /** Demo origin servers per pool. @default { web: 3, api: 2, ws: 1 } */
  servers?: Partial<Record<DemoRole, number>>;
  /** Where the nginx prefix lives. @default <repo>/.cache/local-edge/nginx */
  workDir?: string;
  /** HTML pages and images the demo web origin serves. @default the repository's `fixtures/` (`@edge/fixtures`) */
  fixturesDir?: string;
  /** Port for the worker. @default a free port */
  workerPort?: number;
}

export interface RunningOrigin {
  role: DemoRole;
  id: string;
  port: number;
  pid: number;
  /** Kills this origin by PID (like a crash). */
  kill(): Promise<void>;
  /** Origin hits by request line, read from the origin itself. */
  stats(): Promise<Record<string, number>>;
}

export interface LocalEdge {
  environment: string;
  workerUrl: string;
  nginx: {
    httpUrl: string;
    httpsUrl: string;
    prefix: string;
    pid: number;
    certPath: string;
    /**
     * The origin lockdown of this run: nginx answers 403 to a pool request without `header: value`; the worker
     * sends it from its secret binding. A fresh random value per start, never stored outside the prefix.
     */
    originAuth: { header: string; value: string };
  };
  origins: RunningOrigin[];
  stop(): Promise<void>;
}

const ORIGIN_MAIN = new URL("./origin-main.ts", import.meta.url).pathname;
/** A bound on hanging, not a speed check. */
const ORIGIN_START_MS = 60_000;

async function startOrigin(
  role: DemoRole,
  id: string,
  fixturesDir: string,
  tagging: string,
): Promise<RunningOrigin> {
  const child = spawnTracked(process.execPath, [ORIGIN_MAIN, role, id, fixturesDir, tagging], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Each origin loads the model before it listens; six at once on a busy 2-core machine can take a while.
  const { port } = JSON.parse(await firstLine(child, `origin ${id}`, ORIGIN_START_MS)) as { port: number };
  return {
    role,
    id,
    port,
    pid: child.pid!,
    kill: () => stopChild(child, "SIGKILL"),
    stats: async () =>
      (await (await fetch(`http://127.0.0.1:${port}/__origin/stats`)).json()) as Record<string, number>,
  };
}

/**
 * Renders nginx with every pool pointed at the local origins and starts it (`@edge/nginx/local`), accepting
 * only `originAuthValue` in the model's origin-auth header.
 */
function startNginx(
  environment: string,
  origins: RunningOrigin[],
  dir: string,
  originAuthValue: string,
): Promise<RunningNginx> {
  const platform = resolvePlatform(environment);
  const upstreamOverrides = Object.fromEntries(
    Object.keys(platform.pools).map((pool) => [
      pool,
      origins.filter((o) => o.role === pool).map((o) => ({ host: "127.0.0.1", port: o.port })),
    ]),
  );
  return startRenderedNginx({
    platform,
    dir,
    certDays: 30,
    render: { upstreamOverrides },
    originAuthValues: [originAuthValue],
  });
}

/**
 * Starts the whole edge on 127.0.0.1: demo origins (web, api, ws), the rendered NGINX in front of them with a
 * local certificate, and the edge worker in workerd with ORIGIN_URL pointing at NGINX over HTTPS. The origin
 * lockdown runs as in production: a random value per start goes to NGINX (its accepted value) and to the worker
 * (its `originAuth.workerSecretBinding` secret), so only the worker's requests reach the origins.
 */
export async function startLocalEdge(options: LocalEdgeOptions = {}): Promise<LocalEdge> {
  const environment = options.environment ?? "staging";
  const fixturesDir = options.fixturesDir ?? FIXTURES_DIR;
  const dir = options.workDir ?? join(ROOT, ".cache/local-edge/nginx");
  mkdirSync(dir, { recursive: true });
  const counts = { web: 3, api: 2, ws: 1, ...options.servers };
  const { routeClasses, operations, originAuth } = resolvePlatform(environment);
  const originAuthValue = newOriginAuthValue();
  const tagging = JSON.stringify({ routeClasses, classTags: operations.classTags });

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
    stops.length = 0;
  };
  try {
    // Settle every start before going on, so an origin that failed never leaves its siblings running.
    const started = await Promise.allSettled(
      (Object.entries(counts) as [DemoRole, number][]).flatMap(([role, n]) =>
        Array.from({ length: n }, (_, i) => startOrigin(role, `${role}-${i + 1}`, fixturesDir, tagging)),
      ),
    );
    const origins: RunningOrigin[] = [];
    for (const result of started) {
      if (result.status === "fulfilled") {
        origins.push(result.value);
        stops.push(() => result.value.kill());
      }
    }
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;

    const nginx = await startNginx(environment, origins, dir, originAuthValue);
    stops.push(() => nginx.stop());

    // workerd trusts the local certificate through NODE_EXTRA_CA_CERTS, read when Miniflare starts.
    process.env.NODE_EXTRA_CA_CERTS = nginx.certPath;
    const worker = await startEdgeWorker({
      environment,
      originUrl: `https://127.0.0.1:${nginx.httpsPort}`,
      secrets: { PURGE_TOKEN: "local-purge-token", [originAuth.workerSecretBinding]: originAuthValue },
      ...(options.workerPort ? { port: options.workerPort } : {}),
    });
    stops.push(() => worker.dispose());
    const workerUrl = worker.url;

    return {
      environment,
      workerUrl,
      nginx: {
        httpUrl: `http://127.0.0.1:${nginx.httpPort}`,
        httpsUrl: `https://127.0.0.1:${nginx.httpsPort}`,
        prefix: dir,
        pid: nginx.pid,
        certPath: nginx.certPath,
        originAuth: { header: originAuth.headerName, value: originAuthValue },
      },
      origins,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
