import type { Pool } from "@edge/platform";
import type { Resolved } from "../options.ts";
import { varName } from "./names.ts";
import { blank, block, comment, directive, type Entry, mapEntries } from "./serialize.ts";

const COOKIE_NAME = /^[A-Za-z0-9_]+$/;

/** The cookie a pool is sticky on, or null. Throws when nginx could not read it as `$cookie_<name>`. */
export function affinityCookie(poolName: string, pool: Pool): string | null {
  if (pool.stickiness.type === "none") return null;
  const name = pool.stickiness.cookieName;
  if (!COOKIE_NAME.test(name)) {
    throw new Error(
      `pools.${poolName}.stickiness.cookieName: "${name}" — NGINX can hash only cookie names of letters, digits and _`,
    );
  }
  return name;
}

/** `$affinity_<pool>`: the hash key of a sticky pool. */
export const affinityKey = (pool: string) => `$affinity_${varName(pool)}`;

/**
 * Affinity keys. Open-source NGINX has no `sticky` (NGINX Plus only), so sticky pools use
 * `hash <key> consistent`: the cookie when the client has one, otherwise
 * - lb_cookie: a fresh `$request_id`, which the LB also sets as the cookie (see routes.ts), so the request
 *   that gets the cookie and every later one hash alike;
 * - app_cookie: the client address, until the application issues its cookie.
 */
export function affinityMaps(r: Resolved): Entry[] {
  const entries: Entry[] = [];
  for (const [name, pool] of Object.entries(r.platform.pools)) {
    const cookie = affinityCookie(name, pool);
    if (!cookie || pool.stickiness.type === "none") continue;
    const fallback = pool.stickiness.type === "lb_cookie" ? "$request_id" : "$remote_addr";
    entries.push(
      comment(`${name}: ${pool.stickiness.type} "${cookie}", fallback ${fallback}.`),
      block(
        ["map", `$cookie_${cookie}`, affinityKey(name)],
        mapEntries([["", fallback]], `$cookie_${cookie}`),
      ),
    );
    entries.push(blank);
  }
  return entries;
}

/** One upstream per pool: balancing, passive health, keepalive and a shared zone for all workers. */
export function upstreamsConf(r: Resolved): Entry[] {
  const entries: Entry[] = [];
  for (const [name, pool] of Object.entries(r.platform.pools)) {
    const u = pool.upstream;
    const sticky = affinityCookie(name, pool) !== null;
    const balancing = sticky
      ? directive("hash", affinityKey(name), "consistent")
      : pool.algorithm === "least_outstanding_requests"
        ? directive("least_conn")
        : null;
    const how = sticky
      ? `consistent hash on ${pool.stickiness.type} (overrides ${pool.algorithm})`
      : pool.algorithm === "least_outstanding_requests"
        ? "least_conn (ALB: least outstanding requests)"
        : "round robin";
    entries.push(
      comment(`${name}: ${pool.description} Balancing: ${how}.`),
      block(
        ["upstream", name],
        [
          comment("Shared state: every worker sees the same failures and balancing."),
          directive("zone", `upstream_${varName(name)}`, "64k"),
          ...(balancing ? [balancing] : []),
          ...r.servers[name]!.map((s) =>
            directive(
              "server",
              `${s.host}:${s.port}`,
              ...(s.weight && s.weight !== 1 ? [`weight=${s.weight}`] : []),
              `max_fails=${u.maxFails}`,
              `fail_timeout=${u.failTimeoutSeconds}s`,
            ),
          ),
          ...(u.keepaliveConnections > 0
            ? [
                directive("keepalive", u.keepaliveConnections),
                directive("keepalive_timeout", `${u.keepaliveTimeoutSeconds}s`),
              ]
            : [comment("keepalive 0: a new connection per request.")]),
        ],
      ),
      blank,
    );
  }
  return entries;
}
