import { CACHE_TAG, type Platform } from "@edge/platform";
import { type PurgeLimits, WORKER_ITEMS_PER_CALL } from "./limits.ts";

/** What the operator asked to purge, as given on the command line. */
export interface PurgeSelection {
  tags?: string[];
  prefixes?: string[];
  hosts?: string[];
  urls?: string[];
  /** Route classes: their model tags (`operations.classTags`) and their prefix matchers. */
  classes?: string[];
  everything?: boolean;
}

/** One Cloudflare purge API body: exactly one kind per request, as the API's request shapes require. */
export type CloudflareBody =
  | { tags: string[] }
  | { prefixes: string[] }
  | { hosts: string[] }
  | { files: string[] }
  | { purge_everything: true };

/** One call of the edge worker's purge endpoint. */
export interface WorkerBody {
  tags: string[];
  prefixes: string[];
}

export interface PurgePlan {
  cloudflare: CloudflareBody[];
  worker: WorkerBody[];
}

/** Bad purge input: the message names the option, the value and what is allowed. */
export class PurgeInputError extends Error {
  override name = "PurgeInputError";
}

const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** A URL path as Cloudflare and the worker can both match it: no query, no wildcard, no spaces. */
const PATH = /^\/[A-Za-z0-9._~\-/%!$&'()+,;=:@]*$/;

const inZone = (host: string, zone: string) => host === zone || host.endsWith(`.${zone}`);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const unique = <T>(items: T[]) => [...new Set(items)];

function checkTag(tag: string): string {
  if (!CACHE_TAG.test(tag))
    throw new PurgeInputError(
      `--tag ${JSON.stringify(tag)}: must be 1-1024 visible ASCII characters without commas or spaces`,
    );
  // Cloudflare compares tags case-insensitively; lower-casing lets duplicates collapse.
  return tag.toLowerCase();
}

/** `/path` (the zone's own host) or `host/path`, never a scheme, query or wildcard. */
function checkPrefix(prefix: string, zone: string): { host: string; path: string } {
  const fail = (why: string) => new PurgeInputError(`--prefix ${JSON.stringify(prefix)}: ${why}`);
  if (/^[a-z]+:\/\//i.test(prefix)) throw fail('write it without a scheme: "host/path" or "/path"');
  if (/[?*#\s]/.test(prefix))
    throw fail("no query string, wildcard, fragment or space (Cloudflare ignores them)");
  const slash = prefix.indexOf("/");
  const host = slash === 0 ? zone : slash < 0 ? prefix : prefix.slice(0, slash);
  const path = slash < 0 ? "/" : prefix.slice(slash);
  if (!HOST.test(host)) throw fail(`"${host}" is not a lower-case host name`);
  if (!inZone(host, zone)) throw fail(`host ${host} is outside the zone ${zone}`);
  if (!PATH.test(path)) throw fail("the path must start with / and contain only URL path characters");
  return { host, path };
}

function checkHost(host: string, zone: string): string {
  if (!HOST.test(host))
    throw new PurgeInputError(`--host ${JSON.stringify(host)}: must be a lower-case host name`);
  if (!inZone(host, zone)) throw new PurgeInputError(`--host ${host}: outside the zone ${zone}`);
  return host;
}

function checkUrl(raw: string, zone: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PurgeInputError(`--url ${JSON.stringify(raw)}: must be an absolute http(s) URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new PurgeInputError(`--url ${raw}: must be http:// or https://`);
  if (!inZone(url.hostname, zone)) throw new PurgeInputError(`--url ${raw}: host outside the zone ${zone}`);
  return url;
}

/**
 * Validates a selection against the model and splits it into Cloudflare API bodies (one kind each, at most the
 * plan's items per request) and worker calls (at most 100 tags and 100 prefixes each). The worker's cache has no
 * host or URL purge: hosts and everything become the prefix `/`, URLs their path — it over-purges rather than
 * misses.
 */
export function planPurge(platform: Platform, selection: PurgeSelection, limits: PurgeLimits): PurgePlan {
  const zone = platform.zone.domain;
  const tags = (selection.tags ?? []).map(checkTag);
  const prefixes = (selection.prefixes ?? []).map((p) => checkPrefix(p, zone));
  const hosts = (selection.hosts ?? []).map((h) => checkHost(h, zone));
  const urls = (selection.urls ?? []).map((u) => checkUrl(u, zone));
  for (const name of selection.classes ?? []) {
    const rc = platform.routeClasses[name];
    if (!rc)
      throw new PurgeInputError(
        `--class ${name}: not a route class; known: ${Object.keys(platform.routeClasses).join(", ")}`,
      );
    const classTags = platform.operations.classTags[name] ?? [];
    const classPrefixes = rc.match.flatMap((m) =>
      "prefix" in m ? [m.prefix] : "exact" in m ? [m.exact] : [],
    );
    if (classTags.length + classPrefixes.length === 0)
      throw new PurgeInputError(
        `--class ${name}: the class has no tags (operations.classTags.${name}) and no prefix to purge by`,
      );
    tags.push(...classTags);
    prefixes.push(...classPrefixes.map((path) => ({ host: zone, path })));
  }
  const everything = selection.everything === true;
  if (!everything && tags.length + prefixes.length + hosts.length + urls.length === 0)
    throw new PurgeInputError(
      "nothing to purge: give --tag, --prefix, --host, --url, --class or --everything",
    );

  const cloudflare: CloudflareBody[] = [];
  const worker = { tags: unique(tags), prefixes: [] as string[] };
  if (everything) {
    cloudflare.push({ purge_everything: true });
    worker.prefixes.push("/");
  } else {
    for (const batch of chunks(unique(tags), limits.itemsPerRequest)) cloudflare.push({ tags: batch });
    const cfPrefixes = unique(prefixes.map((p) => `${p.host}${p.path === "/" ? "" : p.path}`));
    for (const batch of chunks(cfPrefixes, limits.itemsPerRequest)) cloudflare.push({ prefixes: batch });
    for (const batch of chunks(unique(hosts), limits.itemsPerRequest)) cloudflare.push({ hosts: batch });
    const files = unique(urls.map((u) => u.href));
    for (const batch of chunks(files, limits.urlsPerRequest)) cloudflare.push({ files: batch });
    worker.prefixes.push(...prefixes.map((p) => p.path), ...urls.map((u) => u.pathname));
    if (hosts.length > 0) worker.prefixes.push("/");
  }
  return { cloudflare, worker: workerCalls(worker.tags, unique(worker.prefixes)) };
}

function workerCalls(tags: string[], prefixes: string[]): WorkerBody[] {
  const calls: WorkerBody[] = [];
  const n = Math.max(
    Math.ceil(tags.length / WORKER_ITEMS_PER_CALL),
    Math.ceil(prefixes.length / WORKER_ITEMS_PER_CALL),
  );
  for (let i = 0; i < n; i++) {
    const slice = (list: string[]) => list.slice(i * WORKER_ITEMS_PER_CALL, (i + 1) * WORKER_ITEMS_PER_CALL);
    calls.push({ tags: slice(tags), prefixes: slice(prefixes) });
  }
  return calls;
}

/** A one-line description of a body, for progress and the report. */
export function describeBody(body: CloudflareBody | WorkerBody): string {
  if ("purge_everything" in body) return "everything";
  if ("files" in body) return `${body.files.length} URL(s)`;
  if ("hosts" in body) return `${body.hosts.length} host(s): ${body.hosts.slice(0, 3).join(", ")}`;
  const parts: string[] = [];
  if ("tags" in body && body.tags.length > 0)
    parts.push(`${body.tags.length} tag(s): ${body.tags.slice(0, 3).join(", ")}`);
  if ("prefixes" in body && body.prefixes.length > 0)
    parts.push(`${body.prefixes.length} prefix(es): ${body.prefixes.slice(0, 3).join(", ")}`);
  return parts.join("; ");
}
