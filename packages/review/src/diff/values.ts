// Deep diff of JSON values (Terraform JSON resource configs) into `path: old → new` changes. Pure.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AttributeChange {
  /** Attribute path, e.g. `health_check.interval`, `rule[name=rate-limit].priority`, `tags["team/owner"]`. */
  path: string;
  /** `undefined` when the attribute is new. */
  old?: Json;
  /** `undefined` when the attribute was removed. */
  new?: Json;
}

/** cdktf writes construct metadata under `//` keys; it changes with code layout, not with infrastructure. */
export const METADATA_KEY = "//";

/** Object-array elements with one of these unique string fields (`ref`: Cloudflare ruleset rules) are matched
 * by it instead of by position. */
const IDENTITY_KEYS = ["name", "ref", "alias", "key"] as const;

/** Changes between two JSON values, in a stable order (object keys sorted, arrays in order). */
export function diffValues(
  oldValue: Json | undefined,
  newValue: Json | undefined,
  path = "",
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  walk(stripMetadata(oldValue), stripMetadata(newValue), path, changes);
  return changes;
}

function walk(a: Json | undefined, b: Json | undefined, path: string, out: AttributeChange[]): void {
  if (deepEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      walk(a[key], b[key], joinKey(path, key), out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isContainer) || b.some(isContainer))) {
    const identity = identityKey(a, b);
    if (identity) {
      const byId = (list: Json[]) =>
        new Map(list.map((item) => [(item as Record<string, Json>)[identity], item]));
      const oldItems = byId(a);
      const newItems = byId(b);
      const ids = [...new Set([...oldItems.keys(), ...newItems.keys()])] as string[];
      for (const id of ids) walk(oldItems.get(id), newItems.get(id), `${path}[${identity}=${id}]`, out);
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  // Terraform JSON often embeds documents as strings (IAM policies, container definitions): diff inside them.
  const parsedA = typeof a === "string" ? parseDocument(a) : undefined;
  const parsedB = typeof b === "string" ? parseDocument(b) : undefined;
  if (parsedA !== undefined && parsedB !== undefined) {
    walk(parsedA, parsedB, `${path}<json>`, out);
    return;
  }
  // Scalars, arrays of scalars and type changes are reported whole: `methods: ["GET"] → ["GET","HEAD"]`.
  const change: AttributeChange = { path: path || "(root)" };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  out.push(change);
}

function identityKey(a: Json[], b: Json[]): string | undefined {
  return IDENTITY_KEYS.find((key) =>
    [a, b].every((list) => {
      const ids = list.map((item) => (isObject(item) ? item[key] : undefined));
      return ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length;
    }),
  );
}

function parseDocument(text: string): Json | undefined {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Appends an object key to a path: `a.b` for identifiers, `a["x.y"]` otherwise. */
export function joinKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** A copy without cdktf `//` metadata keys, at any depth. */
export function stripMetadata<T extends Json | undefined>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => stripMetadata(item)) as T;
  if (isObject(value)) {
    const copy: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value))
      if (key !== METADATA_KEY) copy[key] = stripMetadata(item);
    return copy as T;
  }
  return value;
}

export function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isContainer(value: Json): boolean {
  return typeof value === "object" && value !== null;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Longest value printed in a change line; longer ones are cut with `…`. */
export const DEFAULT_VALUE_WIDTH = 80;

/** A JSON value as one short line. `undefined` (attribute absent) prints as `(none)`. */
export function formatValue(value: Json | undefined, width = DEFAULT_VALUE_WIDTH): string {
  if (value === undefined) return "(none)";
  const text = JSON.stringify(value);
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Both sides of a change as short lines. Two long strings that differ late are shown from a little before the
 * first differing character, so a changed CSP directive is visible instead of the shared prefix.
 */
export function formatChange(change: AttributeChange, width = DEFAULT_VALUE_WIDTH): [string, string] {
  const { old: a, new: b } = change;
  if (typeof a === "string" && typeof b === "string") {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    if (ja.length > width || jb.length > width) {
      let common = 0;
      while (common < ja.length && ja[common] === jb[common]) common++;
      const start = Math.max(0, Math.min(common - 12, Math.max(ja.length, jb.length) - width + 1));
      const cut = (text: string) => {
        const body = start > 0 ? `…${text.slice(start)}` : text;
        return body.length <= width ? body : `${body.slice(0, width - 1)}…`;
      };
      return [cut(ja), cut(jb)];
    }
  }
  return [formatValue(a, width), formatValue(b, width)];
}
