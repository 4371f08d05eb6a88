import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { FIXTURES_DIR } from "@edge/fixtures";
import { DEBIAN_BROTLI_MODULE, generateSelfSigned, renderNginx, SELF_SIGNED, writeTree } from "@edge/nginx";
import { resolvePlatform } from "@edge/platform";
import type { DemoRole } from "./origins.ts";
import { freePort, waitFor } from "./ports.ts";
import { firstLine, isRunning, spawnTracked, stopChild } from "./processes.ts";
import { startEdgeWorker } from "./worker.ts";

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
  nginx: { httpUrl: string; httpsUrl: string; prefix: string; pid: number; certPath: string };
  origins: RunningOrigin[];
  stop(): Promise<void>;
}

const ORIGIN_MAIN = new URL("./origin-main.ts", import.meta.url).pathname;
const NGINX_BIN = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find(existsSync) ?? null;

async function startOrigin(
  role: DemoRole,
  id: string,
  fixturesDir: string,
  tagging: string,
): Promise<RunningOrigin> {
  const child = spawnTracked(process.execPath, [ORIGIN_MAIN, role, id, fixturesDir, tagging], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { port } = JSON.parse(await firstLine(child, `origin ${id}`)) as { port: number };
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

/** Renders nginx for the local origins and starts it in the foreground (its own child, stopped by PID). */
async function startNginx(environment: string, origins: RunningOrigin[], dir: string) {
  if (!NGINX_BIN)
    throw new Error("nginx is not installed: run `npm test` once as root (it installs nginx via apt)");
  const platform = resolvePlatform(environment);
  const upstreamOverrides = Object.fromEntries(
    Object.keys(platform.pools).map((pool) => [
      pool,
      origins.filter((o) => o.role === pool).map((o) => ({ host: "127.0.0.1", port: o.port })),
    ]),
  );
  const [http, https] = [await freePort(), await freePort()];
  rmSync(join(dir, "conf.d"), { recursive: true, force: true });
  writeTree(
    dir,
    renderNginx(platform, {
      listen: { http, https, address: "127.0.0.1" },
      upstreamOverrides,
      brotliModule: existsSync(DEBIAN_BROTLI_MODULE) ? DEBIAN_BROTLI_MODULE : null,
    }),
  );
  generateSelfSigned(dir, SELF_SIGNED, 30);
  const child = spawnTracked(
    NGINX_BIN,
    ["-p", `${dir}/`, "-c", "nginx.conf", "-e", join(dir, "logs/error.log"), "-g", "daemon off;"],
    { stdio: "ignore" },
  );
  await waitFor("nginx", async () => {
    if (!isRunning(child)) throw new Error(readFileSync(join(dir, "logs/error.log"), "utf8").slice(-800));
    return (await fetch(`http://127.0.0.1:${http}/healthz`)).ok;
  });
  return { child, http, https, certPath: join(dir, SELF_SIGNED.certPath) };
}

/**
 * Starts the whole edge on 127.0.0.1: demo origins (web, api, ws), the rendered NGINX in front of them with a
 * local certificate, and the edge worker in workerd with ORIGIN_URL pointing at NGINX over HTTPS.
 */
export async function startLocalEdge(options: LocalEdgeOptions = {}): Promise<LocalEdge> {
  const environment = options.environment ?? "staging";
  const fixturesDir = options.fixturesDir ?? FIXTURES_DIR;
  const dir = options.workDir ?? join(ROOT, ".cache/local-edge/nginx");
  mkdirSync(dir, { recursive: true });
  const counts = { web: 3, api: 2, ws: 1, ...options.servers };
  const { routeClasses, operations } = resolvePlatform(environment);
  const tagging = JSON.stringify({ routeClasses, classTags: operations.classTags });

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
    stops.length = 0;
  };
  try {
    const origins = await Promise.all(
      (Object.entries(counts) as [DemoRole, number][]).flatMap(([role, n]) =>
        Array.from({ length: n }, (_, i) => startOrigin(role, `${role}-${i + 1}`, fixturesDir, tagging)),
      ),
    );
    for (const o of origins) stops.push(() => o.kill());

    const nginx = await startNginx(environment, origins, dir);
    stops.push(() => stopChild(nginx.child as ChildProcess, "SIGQUIT"));

    // workerd trusts the local certificate through NODE_EXTRA_CA_CERTS, read when Miniflare starts.
    process.env.NODE_EXTRA_CA_CERTS = nginx.certPath;
    const worker = await startEdgeWorker({
      environment,
      originUrl: `https://127.0.0.1:${nginx.https}`,
      secrets: { PURGE_TOKEN: "local-purge-token" },
      ...(options.workerPort ? { port: options.workerPort } : {}),
    });
    stops.push(() => worker.dispose());
    const workerUrl = worker.url;

    return {
      environment,
      workerUrl,
      nginx: {
        httpUrl: `http://127.0.0.1:${nginx.http}`,
        httpsUrl: `https://127.0.0.1:${nginx.https}`,
        prefix: dir,
        pid: nginx.child.pid!,
        certPath: nginx.certPath,
      },
      origins,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
