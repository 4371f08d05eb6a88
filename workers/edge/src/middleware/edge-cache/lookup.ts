import { variantKey } from "../../lib/cache-key.ts";
import { type EntryMeta, readMeta, varyValuesOf } from "./entry.ts";

/** A stored entry found for a request, with its bookkeeping. */
export interface Found {
  stored: Response;
  meta: Readonly<EntryMeta>;
}

/**
 * Finds the entry for `key` that fits the request: the primary entry, or — when the response varies on
 * request headers and the primary holds another variant — the variant's own entry.
 * @returns the entry, `"vary-miss"` when only other variants are stored, or undefined when none is ours.
 */
export async function lookupEntry(
  cache: Cache,
  key: string,
  request: Headers,
): Promise<Found | "vary-miss" | undefined> {
  const stored = await cache.match(key);
  if (!stored) return undefined;
  const meta = readMeta(stored.headers);
  if (!meta) {
    stored.body?.cancel();
    return undefined; // not ours (another cache user's entry under the same URL)
  }
  if (!meta.vary) return { stored, meta };
  const wanted = varyValuesOf(meta.vary, request);
  if (meta.varyValues === wanted) return { stored, meta };
  stored.body?.cancel();
  const variant = await cache.match(variantKey(key, encodeURIComponent(wanted)));
  const variantMeta = variant && readMeta(variant.headers);
  if (variant && variantMeta && variantMeta.varyValues === wanted)
    return { stored: variant, meta: variantMeta };
  variant?.body?.cancel();
  return "vary-miss";
}

/** Stores an entry (and, for a varying response, its variant's own copy). */
export function putEntry(
  cache: Cache,
  key: string,
  status: number,
  headers: Headers,
  body: BodyInit | null,
  meta: Readonly<EntryMeta>,
): Promise<unknown> {
  const entry = new Response(body, { status, headers });
  if (!meta.vary) return cache.put(key, entry);
  const copy = entry.clone();
  return Promise.all([
    cache.put(key, entry),
    cache.put(variantKey(key, encodeURIComponent(meta.varyValues)), copy),
  ]);
}
