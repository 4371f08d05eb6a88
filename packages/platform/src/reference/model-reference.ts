// MODEL.md: every field of the model — path, type, default, allowed values, description — rendered from the zod
// schema (src/schema) and the platform's defaults (src/defaults), the way stacks/RULES.md is rendered from the
// policy pack. `node packages/platform/src/reference/model-reference.ts` rewrites the file;
// test/model-reference.test.ts fails when the committed file differs.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultScaling, defaultUpstream, platformDefaults } from "../defaults/index.ts";
import { PlatformShapeSchema } from "../schema/index.ts";
import { type FieldRow, walkSchema } from "./walk.ts";

export const MODEL_MD_PATH = fileURLToPath(new URL("../../MODEL.md", import.meta.url));

/** Every field of the model, in schema order. */
export const modelFields = (): FieldRow[] => walkSchema(PlatformShapeSchema as never);

/** The platform default at a dotted path, or undefined (product fields, map entries). */
function defaultAt(path: string): unknown {
  // A pool's scaling and upstream start from the defaults a product spreads in (examples/shop does).
  const pool = path.match(/^pools\.<name>\.(scaling|upstream)\.(.*)$/);
  const root = pool ? (pool[1] === "scaling" ? defaultScaling : defaultUpstream) : platformDefaults;
  const rest = pool ? pool[2]! : path;
  if (rest.includes("<name>") || rest.includes("[]")) return undefined;
  return rest
    .split(".")
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
      root,
    );
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** A default as the table shows it: short values whole, long lists by their size. */
function showDefault(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "object" && value !== null) {
    const text = JSON.stringify(value);
    if (text.length <= 60) return `\`${text}\``;
    return Array.isArray(value) ? `${value.length} items` : "(object)";
  }
  return `\`${JSON.stringify(value)}\``;
}

export function renderModelReference(fields: FieldRow[] = modelFields()): string {
  const sections = new Map<string, FieldRow[]>();
  for (const field of fields) {
    const section = field.path.split(/[.[]/)[0]!;
    sections.set(section, [...(sections.get(section) ?? []), field]);
  }
  const out = [
    "# Model reference",
    "",
    "Generated from the zod schema (`src/schema`) and the platform's defaults (`src/defaults`) by",
    "`node packages/platform/src/reference/model-reference.ts`; a test keeps it exact. Do not edit by hand.",
    "",
    "`<name>` stands for a key you choose (a route class, a pool, …), `[]` for an item of a list. **Default** is",
    "the platform's default (src/defaults); fields without one are the product's to set (see examples/shop), or",
    "are derived per environment (`edge.scriptName`, `pools.<name>.scaling.queueDepth.queueName`).",
    "",
  ];
  for (const [section, rows] of sections) {
    out.push(
      `## \`${section}\``,
      "",
      "| Field | Type | Default | Allowed | Description |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const row of rows) {
      const name = row.leaf ? `\`${row.path}\`` : `**\`${row.path}\`**`;
      out.push(
        `| ${name} | ${cell(row.type)} | ${cell(row.leaf ? showDefault(defaultAt(row.path)) : "")} | ${cell(row.allowed)} | ${cell(row.description)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = renderModelReference();
  let previous = "";
  try {
    previous = readFileSync(MODEL_MD_PATH, "utf8");
  } catch {}
  if (previous !== text) writeFileSync(MODEL_MD_PATH, text);
}
