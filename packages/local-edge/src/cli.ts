// `node packages/local-edge/src/cli.ts [--env NAME] [--port N] [--exit-after SECONDS]`
// Starts the whole edge on 127.0.0.1, prints where to look, and stops everything on Ctrl-C.
import { parseArgs } from "node:util";
import { type LocalEdge, startLocalEdge } from "./start.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    port: { type: "string" },
    "exit-after": { type: "string" },
  },
  args: process.argv.slice(2).filter((a) => a !== "--"),
});

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const ok = (up: boolean) => (up ? "up  " : "DOWN");

async function probe(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status < 500;
  } catch {
    return false;
  }
}

async function status(edge: LocalEdge): Promise<string> {
  const lines = [bold(`Local edge (${edge.environment} model) — every part on 127.0.0.1`), ""];
  lines.push(`  ${ok(await probe(`${edge.workerUrl}/healthz`))}  edge worker (workerd)   ${edge.workerUrl}`);
  lines.push(
    `  ${ok(await probe(`${edge.nginx.httpUrl}/healthz`))}  nginx load balancer    ${edge.nginx.httpsUrl} (HTTP ${edge.nginx.httpUrl} redirects)  pid ${edge.nginx.pid}`,
  );
  for (const o of edge.origins) {
    lines.push(
      `  ${ok(await probe(`http://127.0.0.1:${o.port}/healthz`))}  origin ${o.id.padEnd(8)}        http://127.0.0.1:${o.port}  pid ${o.pid}`,
    );
  }
  const w = edge.workerUrl;
  lines.push(
    "",
    bold("Try"),
    `  curl -si ${w}/api/products            # cached API (see Cache-Status: MISS, then HIT)`,
    `  curl -si ${w}/                        # HTML page, minified, CSP with a nonce`,
    `  curl -s -o /dev/null -w '%{content_type} %{size_download}\\n' -H 'Accept: image/avif' '${w}/images/kodim03-768x512.png?w=320'`,
    `  curl -si ${w}/assets/site.css         # static, immutable for a year`,
    `  curl -sk ${edge.nginx.httpsUrl}/api/products   # straight to nginx: 403, only the worker sends ${edge.nginx.originAuth.header} (origin lockdown)`,
    `  curl -sk ${edge.nginx.httpsUrl}/healthz        # nginx's own health answer needs no header (self-signed cert: ${edge.nginx.certPath})`,
    "",
    "Ctrl-C stops everything.",
  );
  return lines.join("\n");
}

let edge: LocalEdge | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the local edge…");
  await edge?.stop();
  console.log("Stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  edge = await startLocalEdge({
    ...(values.env ? { environment: values.env } : {}),
    ...(values.port ? { workerPort: Number(values.port) } : {}),
  });
  console.log(await status(edge));
  if (values["exit-after"]) setTimeout(() => void shutdown(0), Number(values["exit-after"]) * 1000);
} catch (error) {
  console.error(`local edge failed to start: ${(error as Error).message}`);
  await edge?.stop();
  process.exit(1);
}
