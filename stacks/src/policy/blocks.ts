import type { Block, BlockKind, JsonObject, StackJson, StackView, Suppression } from "./types.ts";

/** Key under a block's `//` comment object that carries suppressions (Terraform ignores `//`). */
export const SUPPRESSIONS_KEY = "policy_suppressions";

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readSuppressions(comment: unknown): Suppression[] {
  if (!isObject(comment)) return [];
  const list = comment[SUPPRESSIONS_KEY];
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is Suppression => isObject(s) && typeof s.id === "string" && typeof s.reason === "string",
  );
}

function makeBlock(kind: BlockKind, type: string, name: string, address: string, raw: unknown): Block {
  const { "//": comment, ...config } = isObject(raw) ? raw : {};
  const metadata = isObject(comment) && isObject(comment.metadata) ? comment.metadata : {};
  const path = typeof metadata.path === "string" ? metadata.path : address;
  return { kind, type, name, address, path, config, suppressions: readSuppressions(comment) };
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

/** Name of the stack: the option, else the JSON's own `//.metadata.stackName`, else "stack". */
export function stackNameOf(json: StackJson, fallback?: string): string {
  const comment = json["//"];
  const metadata = isObject(comment) && isObject(comment.metadata) ? comment.metadata : {};
  return fallback ?? (typeof metadata.stackName === "string" ? metadata.stackName : "stack");
}

/** Every top-level block of a synthesized stack, in a stable order (the JSON's own order). */
export function blocksOf(json: StackJson, stackName: string): Block[] {
  const blocks: Block[] = [makeBlock("stack", "stack", stackName, stackName, { "//": json["//"] })];
  for (const [type, byName] of entries(json.resource)) {
    for (const [name, raw] of entries(byName))
      blocks.push(makeBlock("resource", type, name, `${type}.${name}`, raw));
  }
  for (const [type, byName] of entries(json.data)) {
    for (const [name, raw] of entries(byName)) {
      blocks.push(makeBlock("data", type, name, `data.${type}.${name}`, raw));
    }
  }
  for (const [type, configs] of entries(json.provider)) {
    for (const raw of Array.isArray(configs) ? configs : [configs]) {
      const alias = isObject(raw) && typeof raw.alias === "string" ? raw.alias : undefined;
      const address = alias ? `provider.${type}.${alias}` : `provider.${type}`;
      blocks.push(makeBlock("provider", type, alias ?? type, address, raw));
    }
  }
  for (const [name, raw] of entries(json.variable))
    blocks.push(makeBlock("variable", "variable", name, `var.${name}`, raw));
  for (const [name, value] of entries(json.locals)) {
    blocks.push(makeBlock("local", "local", name, `local.${name}`, { value }));
  }
  for (const [name, raw] of entries(json.output))
    blocks.push(makeBlock("output", "output", name, `output.${name}`, raw));
  const terraform = isObject(json.terraform) ? json.terraform : {};
  for (const [type, raw] of entries(terraform.backend)) {
    blocks.push(makeBlock("backend", type, type, `terraform.backend.${type}`, raw));
  }
  return blocks;
}

export function stackView(json: StackJson, name: string, production: boolean): StackView {
  const blocks = blocksOf(json, name);
  const byType = new Map<string, Block[]>();
  for (const block of blocks) {
    if (block.kind !== "resource") continue;
    const list = byType.get(block.type) ?? [];
    list.push(block);
    byType.set(block.type, list);
  }
  return { json, name, production, blocks, resourcesOfType: (type) => byType.get(type) ?? [] };
}
