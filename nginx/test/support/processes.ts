// Test and bench start-up: node upstreams as tracked children, and the rendered nginx through the package's own
// start-up (`@edge/nginx/local`, also used by the local edge).
import { type EnvironmentOverrides, type Platform, resolvePlatform } from "@edge/platform";
import { firstLine, spawnTracked, stopChild, stopChildrenOnSignals } from "@edge/tooling";
import type { RenderOptions } from "../../src/index.ts";
import { BROTLI_MODULE, NGINX_BIN, type RunningNginx, startRenderedNginx } from "../../src/local/index.ts";

export { NGINX_BIN };
export const NO_NGINX = NGINX_BIN
  ? false
  : "no nginx binary: run scripts/bootstrap.sh --with-nginx (needs root + apt)";
export const BROTLI = BROTLI_MODULE;

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
}

/** Renders `production` with `overrides`, points every pool at `upstreams` and starts a real nginx. */
export async function startNginx(
  upstreams: readonly Upstream[],
  overrides: EnvironmentOverrides = {},
  extra: Omit<RenderOptions, "listen"> = {},
): Promise<Nginx> {
  const platform = resolvePlatform("production", { overrides });
  const servers = upstreams.map((u) => ({ host: "127.0.0.1", port: u.port }));
  const upstreamOverrides = Object.fromEntries(Object.keys(platform.pools).map((pool) => [pool, servers]));
  const nginx = await startRenderedNginx({ platform, render: { upstreamOverrides, ...extra } });
  return { ...nginx, platform };
}
