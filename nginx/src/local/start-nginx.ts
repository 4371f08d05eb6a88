// Start a rendered nginx on 127.0.0.1 — the one start-up the local edge, the nginx tests and the bench share
// (`@edge/nginx/local`). Tooling only: the renderer (`@edge/nginx`) never imports this file.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Platform } from "@edge/platform";
import { freePorts, isRunning, portOpen, spawnTracked, stopChild } from "@edge/tooling";
import { DEBIAN_BROTLI_MODULE, type RenderOptions, SELF_SIGNED } from "../options.ts";
import { renderNginx } from "../render.ts";
import { generateSelfSigned, writeOriginAuthValues, writeTree } from "../write.ts";

/** The nginx binary, or null when none is installed. */
export const NGINX_BIN: string | null =
  ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find(existsSync) ??
  (spawnSync("sh", ["-c", "command -v nginx"]).stdout?.toString().trim() || null);

/** The brotli filter module when Debian's package is installed, else null (gzip only). */
export const BROTLI_MODULE: string | null = existsSync(DEBIAN_BROTLI_MODULE) ? DEBIAN_BROTLI_MODULE : null;

/** A fresh origin-auth value, as `openssl rand -hex 32` makes one: for one local run or test, never stored. */
export const newOriginAuthValue = (): string => randomBytes(32).toString("hex");

export interface StartNginxOptions {
  /** The resolved model to render. */
  platform: Platform;
  /** Render options; `listen` is chosen here (two free ports on 127.0.0.1). @default brotli when installed */
  render?: Omit<RenderOptions, "listen">;
  /**
   * The accepted values of the model's `originAuth.headerName` (at most two, each 64 lower-case hex), written to
   * the prefix's `origin-auth.values.conf`. Send one of them in that header, or pools answer 403.
   * @default [] — fail closed: every request to a pool is refused
   */
  originAuthValues?: readonly string[];
  /** The nginx prefix (kept on stop). @default a fresh temporary directory, removed on stop */
  dir?: string;
  /** Validity of the generated self-signed certificate. @default 2 days */
  certDays?: number;
  /** How long nginx may take to listen. A bound on hanging, not a speed check. @default 20000 ms */
  readyTimeoutMs?: number;
}

export interface RunningNginx {
  dir: string;
  httpPort: number;
  httpsPort: number;
  pid: number;
  /** PEM of the self-signed certificate (trust it as a CA in clients). */
  cert: Buffer;
  certPath: string;
  errorLog(): string;
  accessLog(): string;
  /** SIGTERM by PID (SIGKILL after 5 s); removes a temporary prefix. */
  stop(): Promise<void>;
}

const ATTEMPTS = 3;

/**
 * Renders `platform` into a prefix, picks two free ports together and starts a foreground nginx master as a
 * tracked child. Retries (up to three times) only when another process took a port in between.
 */
export async function startRenderedNginx(options: StartNginxOptions): Promise<RunningNginx> {
  if (!NGINX_BIN)
    throw new Error("nginx is not installed: run `npm test` once as root (it installs nginx via apt)");
  for (let attempt = 1; ; attempt++) {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "edge-nginx-"));
    const temporary = options.dir === undefined;
    // A kept prefix may hold an older render: snippets the model no longer has must not be included.
    for (const stale of ["logs", "nginxconfig", "sites"])
      rmSync(join(dir, stale), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const [httpPort, httpsPort] = (await freePorts(2)) as [number, number];
    writeTree(
      dir,
      renderNginx(options.platform, {
        brotliModule: BROTLI_MODULE,
        ...options.render,
        listen: { http: httpPort, https: httpsPort, address: "127.0.0.1" },
      }),
    );
    writeOriginAuthValues(dir, options.originAuthValues ?? []);
    generateSelfSigned(dir, SELF_SIGNED, options.certDays ?? 2);
    const errorLog = join(dir, "logs/error.log");
    const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : "");
    const child = spawnTracked(
      NGINX_BIN,
      ["-p", `${dir}/`, "-c", "nginx.conf", "-e", errorLog, "-g", "daemon off;"],
      {
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
    const listening = async () => (await portOpen(httpsPort)) && (await portOpen(httpPort));
    while (isRunning(child) && Date.now() < deadline && !(await listening())) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (isRunning(child) && (await listening())) {
      const certPath = join(dir, SELF_SIGNED.certPath);
      return {
        dir,
        httpPort,
        httpsPort,
        pid: child.pid!,
        cert: readFileSync(certPath),
        certPath,
        errorLog: readLog,
        accessLog: () => readFileSync(join(dir, "logs/access.log"), "utf8"),
        stop: async () => {
          await stopChild(child, "SIGTERM", 5000);
          if (temporary) rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child, "SIGKILL");
    const reason = readLog() || `nginx did not listen within ${options.readyTimeoutMs ?? 20_000} ms`;
    if (temporary) rmSync(dir, { recursive: true, force: true });
    if (attempt >= ATTEMPTS || !/in use/.test(reason)) throw new Error(`nginx did not start:\n${reason}`);
  }
}
