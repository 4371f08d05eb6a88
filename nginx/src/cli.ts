// `pnpm nginx:render [--env NAME] [--out DIR] [--local]`: writes each environment's tree to DIR/<env>/.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ENVIRONMENT_NAMES, PlatformConfigError, resolvePlatform } from "@edge/platform";
import { FILES } from "./conf/names.ts";
import { parseOriginAuthValues } from "./conf/origin-auth.ts";
import { DEBIAN_BROTLI_MODULE, type RenderOptions, SELF_SIGNED } from "./options.ts";
import { renderNginx } from "./render.ts";
import { generateSelfSigned, writeOriginAuthValues, writeTree } from "./write.ts";

const USAGE = `usage: pnpm nginx:render [--env NAME] [--out DIR] [--local]
  --env NAME   one environment (${ENVIRONMENT_NAMES.join(", ")}); default: all
  --out DIR    output root; default: nginx/dist
  --local      listen on 127.0.0.1:8080/8443 and send every pool to 127.0.0.1:<pool port>
environment:
  ORIGIN_AUTH_VALUES  the accepted origin-auth header values, comma-separated (1 or 2: current[,next]; each
                      \`openssl rand -hex 32\`), written to <out>/<env>/${FILES.originAuthValues} (mode 0600).
                      Unset: an existing values file is kept, else a fail-closed one is written (every request
                      to a pool gets 403).`;

function main(): number {
  let args: { env?: string; out?: string; local?: boolean; help?: boolean };
  try {
    args = parseArgs({
      options: {
        env: { type: "string" },
        out: { type: "string" },
        local: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      // pnpm forwards a literal "--" before script arguments.
      args: process.argv.slice(2).filter((a) => a !== "--"),
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const names = args.env ? [args.env] : ENVIRONMENT_NAMES;
  // Checked before anything is written; errors never echo a value (a secret).
  let originAuthValues: string[] | undefined;
  try {
    const text = process.env.ORIGIN_AUTH_VALUES;
    originAuthValues = text === undefined ? undefined : parseOriginAuthValues(text);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const out = resolve(args.out ?? new URL("../dist", import.meta.url).pathname);
  const brotliModule = existsSync(DEBIAN_BROTLI_MODULE) ? DEBIAN_BROTLI_MODULE : null;
  for (const name of names) {
    const platform = resolvePlatform(name);
    const options: RenderOptions = { brotliModule };
    if (args.local) {
      options.listen = { http: 8080, https: 8443, address: "127.0.0.1" };
      options.upstreamOverrides = Object.fromEntries(
        Object.entries(platform.pools).map(([pool, p]) => [pool, [{ host: "127.0.0.1", port: p.port }]]),
      );
    }
    const files = renderNginx(platform, options);
    const dir = resolve(out, name);
    writeTree(dir, files);
    const made = platform.loadBalancer.tls.certificate === null && generateSelfSigned(dir, SELF_SIGNED);
    const originAuth = writeValues(dir, originAuthValues);
    console.log(
      `${name}: ${Object.keys(files).length} files → ${dir}${made ? " (+ self-signed certificate)" : ""}` +
        `${brotliModule ? "" : " (no brotli module: gzip only)"}\n  origin auth: ${originAuth}` +
        `\n  run: nginx -p ${dir}/ -c nginx.conf -e ${dir}/logs/error.log`,
    );
  }
  return 0;
}

/** Writes (or keeps) the values file; says which, never what. */
function writeValues(dir: string, values: string[] | undefined): string {
  if (values) {
    writeOriginAuthValues(dir, values, "ORIGIN_AUTH_VALUES");
    return `${values.length} accepted value(s) from ORIGIN_AUTH_VALUES → ${FILES.originAuthValues}`;
  }
  if (existsSync(join(dir, FILES.originAuthValues))) {
    return `kept the existing ${FILES.originAuthValues} (ORIGIN_AUTH_VALUES is not set)`;
  }
  writeOriginAuthValues(dir, []);
  return `ORIGIN_AUTH_VALUES is not set: fail-closed ${FILES.originAuthValues} (every request to a pool gets 403)`;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof PlatformConfigError ? error.message : error);
  process.exitCode = 1;
}
