import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FILES, WRITABLE_DIRS } from "./conf/names.ts";
import { originAuthValuesFile } from "./conf/origin-auth.ts";
import type { NginxFiles } from "./render.ts";

/**
 * Writes a rendered tree under `dir` and creates the writable directories (logs/, temp/). Directories are
 * 0755: when the master runs as root, workers run as `nobody` and must reach temp/ under the prefix.
 */
export function writeTree(dir: string, files: NginxFiles): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const sub of WRITABLE_DIRS) mkdirSync(join(dir, sub), { recursive: true, mode: 0o755 });
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    writeFileSync(target, text, { mode: 0o644 });
  }
}

/**
 * Writes `origin-auth.values.conf` beside nginx.conf (mode 0600: only the master, which reads the config, needs
 * it): the accepted values of `originAuth.headerName`, or none — every request to a pool is then refused (fail
 * closed). Checks the values first (64 lower-case hex, at most two, distinct). `source` names them in errors.
 */
export function writeOriginAuthValues(dir: string, values: readonly string[], source?: string): void {
  const text = originAuthValuesFile(values, source);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, FILES.originAuthValues);
  writeFileSync(target, text, { mode: 0o600 });
  chmodSync(target, 0o600); // an existing file keeps its mode on write
}

/**
 * A self-signed ECDSA P-256 certificate for local use (CN=localhost, SAN localhost and 127.0.0.1), made with
 * the openssl CLI. Keeps an existing pair so a trusted local certificate survives re-rendering.
 * @returns true when a new pair was written
 */
export function generateSelfSigned(
  dir: string,
  paths: { certPath: string; keyPath: string },
  days = 30,
): boolean {
  const cert = join(dir, paths.certPath);
  const key = join(dir, paths.keyPath);
  if (existsSync(cert) && existsSync(key)) return false;
  mkdirSync(dirname(cert), { recursive: true, mode: 0o755 });
  mkdirSync(dirname(key), { recursive: true, mode: 0o755 });
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      String(days),
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  chmodSync(key, 0o600);
  return true;
}
