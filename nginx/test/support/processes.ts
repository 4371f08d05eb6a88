import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EnvironmentOverrides, type Platform, resolvePlatform } from "@edge/platform";
import {
  DEBIAN_BROTLI_MODULE,
  generateSelfSigned,
  type RenderOptions,
  renderNginx,
  SELF_SIGNED,
  writeTree,
} from "../../src/index.ts";

/** The nginx binary, or null (tests then skip with a message). */
export const NGINX_BIN =
  ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find(existsSync) ??
  (spawnSync("sh", ["-c", "command -v nginx"]).stdout?.toString().trim() || null);
export const NO_NGINX = NGINX_BIN
  ? false
  : "no nginx binary: run scripts/bootstrap.sh --with-nginx (needs root + apt)";
export const BROTLI = existsSync(DEBIAN_BROTLI_MODULE) ? DEBIAN_BROTLI_MODULE : null;

const started = new Set<ChildProcess>();
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const killStarted = () => {
  for (const child of started) if (running(child) && child.pid) process.kill(child.pid, "SIGKILL");
};
process.on("exit", killStarted);
// Ctrl-C on the benchmark (or a terminated test worker) must not leave nginx or upstreams behind.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killStarted();
    process.exit(130);
  });
}

/**
 * Distinct free TCP ports on 127.0.0.1: all listeners stay open until every port is known, so the OS cannot hand
 * out one port twice. Another process may still take one before nginx binds: startNginx retries.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

const waitExit = (child: ChildProcess, ms: number) =>
  new Promise<void>((resolve) => {
    if (!running(child)) return resolve();
    const timer = setTimeout(() => {
      if (child.pid && running(child)) process.kill(child.pid, "SIGKILL");
      resolve();
    }, ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });

export interface Upstream {
  name: string;
  port: number;
  pid: number;
  /** Kills this upstream by its PID (SIGKILL: sockets drop at once, like a crashed server). */
  kill(): Promise<void>;
}

/** Starts `count` node upstreams on 127.0.0.1, each a child process. */
export async function startUpstreams(count: number, prefix = "u"): Promise<Upstream[]> {
  const script = new URL("./upstream-server.ts", import.meta.url).pathname;
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const name = `${prefix}${i + 1}`;
      const child = spawn(process.execPath, [script, name], { stdio: ["ignore", "pipe", "inherit"] });
      started.add(child);
      return new Promise<Upstream>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`upstream ${name} did not start`)), 10_000);
        child.once("exit", (code) => reject(new Error(`upstream ${name} exited with ${code}`)));
        child.stdout!.once("data", (chunk: Buffer) => {
          clearTimeout(timer);
          const { port } = JSON.parse(chunk.toString()) as { port: number };
          resolve({
            name,
            port,
            pid: child.pid!,
            kill: async () => {
              if (running(child)) process.kill(child.pid!, "SIGKILL");
              await waitExit(child, 5000);
            },
          });
        });
      });
    }),
  );
}

export interface Nginx {
  dir: string;
  httpPort: number;
  httpsPort: number;
  pid: number;
  platform: Platform;
  /** PEM of the self-signed certificate (trust it as a CA in clients). */
  cert: Buffer;
  certPath: string;
  errorLog(): string;
  accessLog(): string;
  stop(): Promise<void>;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/**
 * Renders `production` with `overrides`, points every pool at `upstreams` and starts a real nginx on free
 * 127.0.0.1 ports (foreground master, killed by PID in stop()).
 */
export async function startNginx(
  upstreams: readonly Upstream[],
  overrides: EnvironmentOverrides = {},
  extra: RenderOptions = {},
): Promise<Nginx> {
  if (!NGINX_BIN) throw new Error("nginx is not installed");
  const platform = resolvePlatform("production", { overrides });
  const servers = upstreams.map((u) => ({ host: "127.0.0.1", port: u.port }));
  const upstreamOverrides = Object.fromEntries(Object.keys(platform.pools).map((pool) => [pool, servers]));
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "edge-nginx-"));
    const [httpPort, httpsPort] = (await freePorts(2)) as [number, number];
    const files = renderNginx(platform, {
      listen: { http: httpPort, https: httpsPort, address: "127.0.0.1" },
      upstreamOverrides,
      brotliModule: BROTLI,
      ...extra,
    });
    writeTree(dir, files);
    generateSelfSigned(dir, SELF_SIGNED, 2);
    const errorLog = join(dir, "logs/error.log");
    const child = spawn(
      NGINX_BIN,
      ["-p", `${dir}/`, "-c", "nginx.conf", "-e", errorLog, "-g", "daemon off;"],
      {
        stdio: "ignore",
      },
    );
    started.add(child);
    const deadline = Date.now() + 10_000;
    while (running(child) && Date.now() < deadline && !(await portOpen(httpsPort))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = () => (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : "");
    if (running(child) && (await portOpen(httpPort))) {
      const certPath = join(dir, SELF_SIGNED.certPath);
      return {
        dir,
        httpPort,
        httpsPort,
        pid: child.pid!,
        platform,
        cert: readFileSync(certPath),
        certPath,
        errorLog: log,
        accessLog: () => readFileSync(join(dir, "logs/access.log"), "utf8"),
        stop: async () => {
          if (running(child)) process.kill(child.pid!, "SIGTERM");
          await waitExit(child, 5000);
          started.delete(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (running(child)) process.kill(child.pid!, "SIGKILL");
    await waitExit(child, 5000);
    const reason = log();
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 3 || !/in use/.test(reason)) throw new Error(`nginx did not start:\n${reason}`);
  }
}
