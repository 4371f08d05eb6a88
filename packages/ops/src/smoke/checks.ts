import type { Platform } from "@edge/platform";
import { securityHeadersFor } from "@edge/platform/headers";

/** One post-deploy check of one route class. */
export interface SmokeCheck {
  className: string;
  path: string;
  check: string;
  ok: boolean;
  detail: string;
}

const timeout = (ms: number) => AbortSignal.timeout(ms);

/** Security headers the model requires for the class's profile; a nonce CSP is checked for its nonce. */
function headerChecks(platform: Platform, profile: string, headers: Headers): [string, boolean, string][] {
  const expected = securityHeadersFor(platform.securityHeaders, profile);
  const usesNonce = platform.securityHeaders.csp[profile]?.nonceScripts === true;
  const out: [string, boolean, string][] = [];
  for (const [name, value] of Object.entries(expected)) {
    const actual = headers.get(name);
    const ok =
      name === "Content-Security-Policy" && usesNonce
        ? /'nonce-[A-Za-z0-9+/=_-]+'/.test(actual ?? "")
        : actual === value;
    out.push([`header ${name}`, ok, ok ? "as the model says" : `got ${JSON.stringify(actual)}`]);
  }
  for (const name of platform.securityHeaders.removeResponseHeaders) {
    const actual = headers.get(name);
    out.push([`no ${name}`, actual === null, actual === null ? "absent" : `present: ${actual}`]);
  }
  return out;
}

async function websocketOpens(url: string, ms: number): Promise<[boolean, string]> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.close();
      resolve([false, `no handshake within ${ms} ms`]);
    }, ms);
    ws.addEventListener("open", () => {
      clearTimeout(timer);
      ws.close();
      resolve([true, "101 Switching Protocols"]);
    });
    ws.addEventListener("error", () => {
      clearTimeout(timer);
      resolve([false, "handshake failed"]);
    });
  });
}

/**
 * After a deploy, per route class (its first path in `operations.paths`): the answer's status, the model's
 * security headers, `Cache-Status` from the worker on cacheable classes, image negotiation (the best format for
 * a browser that takes it, the original for one that takes none), and the WebSocket handshake.
 */
export async function smokeChecks(platform: Platform, target: string): Promise<SmokeCheck[]> {
  const base = target.replace(/\/$/, "");
  const ms = platform.operations.warm.timeoutMs;
  const results: SmokeCheck[] = [];
  for (const [className, paths] of Object.entries(platform.operations.paths)) {
    const rc = platform.routeClasses[className];
    const path = paths[0];
    if (!rc || !path) continue;
    const add = (check: string, ok: boolean, detail: string) =>
      results.push({ className, path, check, ok, detail });
    if (rc.handler === "websocket") {
      const [ok, detail] = await websocketOpens(`${base.replace(/^http/, "ws")}${path}`, ms);
      add("websocket handshake", ok, detail);
      continue;
    }
    const best = platform.images.formats[0];
    const accept = rc.handler === "image" && best ? `image/${best},*/*;q=0.8` : "*/*";
    const url = `${base}${path}${rc.handler === "image" ? `${path.includes("?") ? "&" : "?"}w=${platform.images.widths[0]}` : ""}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { Accept: accept }, redirect: "manual", signal: timeout(ms) });
      await res.arrayBuffer();
    } catch (error) {
      add("reachable", false, (error as Error).message);
      continue;
    }
    add("status", res.status >= 200 && res.status < 400, `HTTP ${res.status}`);
    for (const [check, ok, detail] of headerChecks(platform, rc.securityProfile, res.headers))
      add(check, ok, detail);
    if (rc.cache.mode === "cache") {
      const cs = res.headers.get("cache-status") ?? "";
      add("Cache-Status", cs.startsWith(`${platform.edge.scriptName};`), cs || "missing");
    }
    if (rc.handler === "image" && best) {
      const type = res.headers.get("content-type") ?? "";
      add(`negotiates image/${best}`, type === `image/${best}`, type || "no Content-Type");
      const plain = await fetch(url, { headers: { Accept: "image/png,image/jpeg" }, signal: timeout(ms) });
      await plain.arrayBuffer();
      const plainType = plain.headers.get("content-type") ?? "";
      const vary = plain.headers.get("vary") ?? "";
      add(
        "original format without Accept support, Vary: Accept",
        !platform.images.formats.some((f) => plainType === `image/${f}`) && /accept/i.test(vary),
        `${plainType}; Vary: ${vary}`,
      );
    }
  }
  return results;
}
