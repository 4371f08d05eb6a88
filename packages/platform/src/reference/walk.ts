import type { z } from "zod";

/** One field of the model as the reference shows it. */
export interface FieldRow {
  /** Dotted path; `<name>` stands for a key of a map, `[]` for an item of a list. */
  path: string;
  type: string;
  /** What is allowed beyond the type: range, enum values, pattern. */
  allowed: string;
  description: string;
  /** A leaf: a value the user writes (not an object with fields of its own). */
  leaf: boolean;
}

// zod 4 exposes each schema's definition under `_zod.def`; these are the parts the reference reads.
type Def = {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  innerType?: Schema;
  entries?: Record<string, string>;
  values?: unknown[];
};
type Schema = z.ZodType & {
  _zod: { def: Def; bag: { patterns?: Set<RegExp> } };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
};

const WRAPPERS = new Set(["nullable", "optional", "default", "prefault", "readonly"]);

/** Strips nullable/optional/default wrappers, keeping the first description met and whether null is allowed. */
function unwrap(schema: Schema): { inner: Schema; description?: string; nullable: boolean } {
  let inner = schema;
  let description = schema.description;
  let nullable = false;
  while (WRAPPERS.has(inner._zod.def.type)) {
    if (inner._zod.def.type === "nullable") nullable = true;
    inner = inner._zod.def.innerType!;
    description ??= inner.description;
  }
  return { inner, description, nullable };
}

const isObjectLike = (schema: Schema): boolean => {
  const { inner } = unwrap(schema);
  const type = inner._zod.def.type;
  if (type === "object") return true;
  if (type === "union") return inner._zod.def.options!.some(isObjectLike);
  return false;
};

const range = (n: Schema): string => {
  const min = n.minValue ?? undefined;
  const max = n.maxValue ?? undefined;
  const kind = n.isInt ? "whole number" : "number";
  if (min !== undefined && max !== undefined && Number.isFinite(min) && Number.isFinite(max)) {
    return `${kind} from ${min} to ${max}`;
  }
  if (min !== undefined && Number.isFinite(min)) return `${kind} ≥ ${min}`;
  if (max !== undefined && Number.isFinite(max)) return `${kind} ≤ ${max}`;
  return n.isInt ? "whole number" : "";
};

/** Type and allowed values of a non-object schema, e.g. `number` / `whole number from 1 to 65535`. */
export function describeValue(schema: Schema): { type: string; allowed: string } {
  const { inner, nullable } = unwrap(schema);
  const def = inner._zod.def;
  const orNull = (r: { type: string; allowed: string }) =>
    nullable ? { type: `${r.type} | null`, allowed: r.allowed } : r;
  switch (def.type) {
    case "number":
      return orNull({ type: "number", allowed: range(inner) });
    case "string": {
      const patterns = [...(inner._zod.bag.patterns ?? [])].map((p) => `\`${p.source}\``);
      return orNull({ type: "string", allowed: patterns.length ? `matches ${patterns.join(" and ")}` : "" });
    }
    case "boolean":
      return orNull({ type: "boolean", allowed: "" });
    case "enum":
      return orNull({
        type: "enum",
        allowed: Object.values(def.entries!)
          .map((v) => `\`${v}\``)
          .join(", "),
      });
    case "literal":
      return orNull({
        type: "literal",
        allowed: def.values!.map((v) => `\`${JSON.stringify(v)}\``).join(", "),
      });
    case "array": {
      const item = describeValue(def.element!);
      return orNull({ type: `${item.type}[]`, allowed: item.allowed ? `each: ${item.allowed}` : "" });
    }
    case "record": {
      const value = describeValue(def.valueType!);
      return orNull({ type: `map of ${value.type}`, allowed: value.allowed ? `each: ${value.allowed}` : "" });
    }
    case "union": {
      const parts = def.options!.map(describeValue);
      if (parts.every((p) => p.type === "literal")) {
        return orNull({ type: "literal", allowed: parts.map((p) => p.allowed).join(", ") });
      }
      return orNull({
        type: [...new Set(parts.map((p) => p.type))].join(" | "),
        allowed: parts.map((p) => p.allowed || p.type).join(" or "),
      });
    }
    default:
      return orNull({ type: def.type, allowed: "" });
  }
}

/** Every field under `schema`, depth first, in the schema's order. Union branches merge by path. */
export function walkSchema(schema: Schema, path = "", rows = new Map<string, FieldRow>()): FieldRow[] {
  const { inner, description, nullable } = unwrap(schema);
  const def = inner._zod.def;
  const add = (row: FieldRow) => {
    const seen = rows.get(path);
    // A discriminated union's branches each bring their literal: show them together.
    if (seen?.type === "literal" && row.type === "literal" && !seen.allowed.includes(row.allowed)) {
      seen.allowed = `${seen.allowed}, ${row.allowed}`;
      seen.description = [seen.description, row.description].filter(Boolean).join(" ");
    } else if (path && !seen) rows.set(path, row);
  };
  if (def.type === "object") {
    add({
      path,
      type: nullable ? "object | null" : "object",
      allowed: "",
      description: description ?? "",
      leaf: false,
    });
    for (const [key, child] of Object.entries(def.shape!))
      walkSchema(child, path ? `${path}.${key}` : key, rows);
  } else if (def.type === "record" && isObjectLike(def.valueType!)) {
    add({ path, type: "map", allowed: "keys: names", description: description ?? "", leaf: false });
    walkSchema(def.valueType!, `${path}.<name>`, rows);
  } else if (def.type === "array" && isObjectLike(def.element!)) {
    add({ path, type: "list", allowed: "", description: description ?? "", leaf: false });
    walkSchema(def.element!, `${path}[]`, rows);
  } else if (def.type === "union" && isObjectLike(inner)) {
    add({ path, type: "one of several shapes", allowed: "", description: description ?? "", leaf: false });
    for (const option of def.options!) {
      const { inner: o } = unwrap(option);
      if (o._zod.def.type !== "object") continue;
      for (const [key, child] of Object.entries(o._zod.def.shape!)) walkSchema(child, `${path}.${key}`, rows);
    }
  } else {
    add({ path, ...describeValue(schema), description: description ?? "", leaf: true });
  }
  return [...rows.values()];
}
