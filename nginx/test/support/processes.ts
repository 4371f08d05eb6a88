// Test and bench start-up: node upstreams as tracked children, and the rendered nginx through the package's own
// start-up (`@edge/nginx/local`, also used by the local edge).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { type EnvironmentOverrides, type Platform, resolvePlatform } from "@edge/platform";
import { firstLine, spawnTracked, stopChild, stopChildrenOnSignals } from "@edge/tooling";
import type { RenderOptions } from "../../src/index.ts";
import {
  BROTLI_MODULE,
  NGINX_BIN,
  newOriginAuthValue,
  type RunningNginx,
  startRenderedNginx,
} from "../../src/local/index.ts";

export { NGINX_BIN };
export const NO_NGINX = NGINX_BIN
  ? false
  : "no nginx binary: run scripts/bootstrap.sh --with-nginx (needs root + apt)";
export const BROTLI = BROTLI_MODULE;

/** `nginx -t` on a rendered tree; returns what nginx printed. */
export const nginxTest = (dir: string): string =>
  spawnSync(NGINX_BIN!, [
    "-t",
    "-p",
    `${dir}/`,
    "-c",
    "nginx.conf",
    "-e",
    join(dir, "logs/error.log"),
  ]).stderr.toString();

// Ctrl-C on the benchmark (or a terminated test worker) must not leave nginx or upstreams behind.
stopChildrenOnSignals();

export interface Upstream {
  name: string;
  port: number;
  pid: number;
  /** Kills this upstream by its PID (SIGKILL: sockets drop at once, like a crashed server). */
  kill(): Promise<void>;
}

const UPSTREAM_MAIN = new URL("./upstream-server.ts", import.meta.url).pathname;

/** Starts `count` node upstreams on 127.0.0.1, each a child process that prints {"port":N} when listening. */
export async function startUpstreams(count: number, prefix = "u"): Promise<Upstream[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${prefix}${i + 1}`;
      const child = spawnTracked(process.execPath, [UPSTREAM_MAIN, name], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const { port } = JSON.parse(await firstLine(child, `upstream ${name}`, 10_000)) as { port: number };
      return { name, port, pid: child.pid!, kill: () => stopChild(child, "SIGKILL") };
    }),
  );
}

export interface Nginx extends RunningNginx {
  platform: Platform;
  /** What the edge sends: the model's header and the first accepted value (`request()` adds it by default). */
  originAuth: { header: string; value: string; values: readonly string[] };
}

/**
 * Renders `production` with `overrides`, points every pool at `upstreams` and starts a real nginx that accepts
 * `originAuthValues` (@default one fresh random value).
 */
export async function startNginx(
  upstreams: readonly Upstream[],
  overrides: EnvironmentOverrides = {},
  extra: Omit<RenderOptions, "listen"> = {},
  originAuthValues: readonly string[] = [newOriginAuthValue()],
): Promise<Nginx> {
  const platform = resolvePlatform("production", { overrides });
  const servers = upstreams.map((u) => ({ host: "127.0.0.1", port: u.port }));
  const upstreamOverrides = Object.fromEntries(Object.keys(platform.pools).map((pool) => [pool, servers]));
  const nginx = await startRenderedNginx({
    platform,
    render: { upstreamOverrides, ...extra },
    originAuthValues,
  });
  const originAuth = {
    header: platform.originAuth.headerName,
    value: originAuthValues[0] ?? "",
    values: originAuthValues,
  };
  return { ...nginx, platform, originAuth };
}
