/**
 * Conditional requests answered from the edge cache (RFC 9110 §13): `If-None-Match` with the weak comparison
 * (§8.8.3.2), else `If-Modified-Since` against the entry's `Last-Modified`. Only for entries this cache stored,
 * with the validators it serves (see {@link servedValidator}).
 */

/** The opaque tag of an entity-tag, without `W/` (weak comparison ignores strength). */
function opaqueTag(tag: string): string {
  const t = tag.trim();
  return t.startsWith("W/") ? t.slice(2) : t;
}

/**
 * True when the client's copy is current (answer 304). `varies`: the entry is one Vary variant; then a date
 * proves nothing about which variant the client holds, so only `If-None-Match` (variant-specific tags) counts.
 */
export function isNotModified(request: Headers, stored: Headers, varies: boolean): boolean {
  const ifNoneMatch = request.get("if-none-match");
  if (ifNoneMatch !== null) {
    const etag = stored.get("etag");
    if (ifNoneMatch.trim() === "*") return true;
    if (!etag) return false;
    const mine = opaqueTag(etag);
    return ifNoneMatch.split(",").some((tag) => opaqueTag(tag) === mine);
  }
  if (varies) return false;
  const ifModifiedSince = request.get("if-modified-since");
  const lastModified = stored.get("last-modified");
  if (ifModifiedSince === null || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** Whether a request carries a validator this cache can answer. */
export function isConditional(request: Headers): boolean {
  return request.has("if-none-match") || request.has("if-modified-since");
}

/** Headers a 304 carries (RFC 9110 §15.4.5), plus the cache's own Age and Cache-Status. */
const KEPT_ON_304 = [
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "vary",
  "last-modified",
  "age",
  "cache-status",
];

/** The 304 for a response the client already holds: no body, only the headers that describe it. */
export function notModified(served: Response): Response {
  served.body?.cancel();
  const headers = new Headers();
  for (const name of KEPT_ON_304) {
    const value = served.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}

/**
 * The validator the cache serves for an entry. The origin's ETag when the bytes are the origin's; a weak tag
 * of its own when the body was transformed (minified: other bytes, same meaning — RFC 9110 §8.8.1); for a Vary
 * variant the variant's key is folded in, so a tag can never validate a variant the client did not get.
 * @returns the ETag to store, or undefined to store none.
 */
export function servedValidator(
  originEtag: string | null,
  transformed: boolean,
  varyValues: string,
): string | undefined {
  if (!originEtag) return undefined;
  const weak = transformed || originEtag.trim().startsWith("W/");
  let opaque = opaqueTag(originEtag).replace(/^"|"$/g, "");
  if (transformed) opaque += "-edge";
  if (varyValues) opaque += `-v${fnv1a(varyValues)}`;
  return `${weak ? "W/" : ""}"${opaque}"`;
}

/** A transformed response must not carry the origin's validator: it gets its own (weak) one, in place. */
export function ownValidator(transformed: Response): Response {
  const etag = servedValidator(transformed.headers.get("etag"), true, "");
  if (!etag) return transformed;
  try {
    transformed.headers.set("etag", etag);
    return transformed;
  } catch {
    const copy = new Response(transformed.body, transformed); // immutable headers
    copy.headers.set("etag", etag);
    return copy;
  }
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
