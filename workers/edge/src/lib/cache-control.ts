/** Parsed Cache-Control: directive name (lower case) → value ("" for bare directives). */
export type Directives = Map<string, string>;

const EMPTY: Directives = new Map();

/** Parses a Cache-Control header leniently: unknown directives are kept, malformed ones ignored. */
export function parseCacheControl(header: string | null): Directives {
  if (!header) return EMPTY;
  const out: Directives = new Map();
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!name) continue;
    const value =
      eq === -1
        ? ""
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, "");
    if (!out.has(name)) out.set(name, value); // RFC 9111 §4.2.1: the first occurrence wins
  }
  return out;
}

/** A delta-seconds directive, or undefined if absent or not a non-negative integer. */
export function seconds(directives: Directives, name: string): number | undefined {
  const raw = directives.get(name);
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return undefined;
  return Number(raw);
}
