// Resource-level diff of synthesized Terraform JSON (cdktf `cdk.tf.json`). Pure.
import {
  type AttributeChange,
  deepEqual,
  diffValues,
  isObject,
  type Json,
  METADATA_KEY,
  stripMetadata,
} from "./values.ts";

/** A synthesized stack: the parsed `cdk.tf.json`. */
export type TerraformJson = { [block: string]: Json };

/** One addressable block of a stack: a resource, a data source, an output, a provider, ... */
export interface BlockRef {
  /** Terraform address: `aws_lb.main`, `data.aws_iam_policy_document.x`, `output.alb_dns`, `provider.aws`. */
  address: string;
  /** The cdktf construct path (`aws-edge-staging/alb/listener`), when the stack recorded it. */
  constructPath?: string;
}

export interface ChangedBlock extends BlockRef {
  changes: AttributeChange[];
}

/** A block whose address changed while its configuration did not (typically a construct id or path refactor). */
export interface RenamedBlock {
  from: string;
  to: string;
}

export interface StackDiff {
  stack: string;
  /** `added`/`removed`: the whole stack is new / gone; `changed` / `unchanged` otherwise. */
  status: "added" | "removed" | "changed" | "unchanged";
  added: BlockRef[];
  removed: BlockRef[];
  changed: ChangedBlock[];
  /** Paired out of added + removed: Terraform still replaces these unless a `moved` block maps them. */
  renamed: RenamedBlock[];
}

interface Block extends BlockRef {
  config: Json;
}

/**
 * Diffs two sets of stacks keyed by stack name (either side may lack a stack). Stacks come back sorted by
 * name; inside each, blocks sorted by address and attribute changes in a stable order.
 */
export function diffStacks(
  baseStacks: Readonly<Record<string, TerraformJson>>,
  headStacks: Readonly<Record<string, TerraformJson>>,
): StackDiff[] {
  const names = [...new Set([...Object.keys(baseStacks), ...Object.keys(headStacks)])].sort();
  return names.map((name) => diffStack(name, baseStacks[name], headStacks[name]));
}

/** Diffs one stack's Terraform JSON; `undefined` on a side means the stack does not exist there. */
export function diffStack(
  stack: string,
  base: TerraformJson | undefined,
  head: TerraformJson | undefined,
): StackDiff {
  const oldBlocks = blocksOf(base);
  const newBlocks = blocksOf(head);
  const diff: StackDiff = { stack, status: "unchanged", added: [], removed: [], changed: [], renamed: [] };
  const addresses = [...new Set([...oldBlocks.keys(), ...newBlocks.keys()])].sort(compareAddresses);
  for (const address of addresses) {
    const before = oldBlocks.get(address);
    const after = newBlocks.get(address);
    if (!before && after) diff.added.push(ref(after));
    else if (before && !after) diff.removed.push(ref(before));
    else if (before && after) {
      const changes = diffValues(before.config, after.config);
      if (changes.length > 0) diff.changed.push({ ...ref(after), changes });
    }
  }
  if (base && head) pairRenames(diff, oldBlocks, newBlocks);
  if (!base && head) diff.status = "added";
  else if (base && !head) diff.status = "removed";
  else if (diff.added.length + diff.removed.length + diff.changed.length + diff.renamed.length > 0) {
    diff.status = "changed";
  }
  return diff;
}

/** `aws_lb.main` → `aws_lb`, `data.aws_vpc.main` → `data.aws_vpc`, `output.x` → `output`. */
function blockType(address: string): string {
  return address.slice(0, address.lastIndexOf("."));
}

/** Moves removed/added pairs of one type with identical configuration (metadata aside) into `renamed`. */
function pairRenames(diff: StackDiff, oldBlocks: Map<string, Block>, newBlocks: Map<string, Block>): void {
  const unpaired = [...diff.added];
  for (const gone of [...diff.removed]) {
    const before = stripMetadata(oldBlocks.get(gone.address)!.config);
    const match = unpaired.find(
      (add) =>
        blockType(add.address) === blockType(gone.address) &&
        deepEqual(before, stripMetadata(newBlocks.get(add.address)!.config)),
    );
    if (!match) continue;
    unpaired.splice(unpaired.indexOf(match), 1);
    diff.renamed.push({ from: gone.address, to: match.address });
    diff.removed.splice(diff.removed.indexOf(gone), 1);
    diff.added.splice(diff.added.indexOf(match), 1);
  }
}

function ref(block: Block): BlockRef {
  return block.constructPath
    ? { address: block.address, constructPath: block.constructPath }
    : { address: block.address };
}

/**
 * Flattens a stack into blocks keyed by Terraform address. `resource.T.N` → `T.N`, `data.T.N` → `data.T.N`,
 * `terraform` → `terraform`, any other block kind K → `K.NAME` (output, variable, provider, locals, ...).
 */
export function blocksOf(stack: TerraformJson | undefined): Map<string, Block> {
  const blocks = new Map<string, Block>();
  if (!stack) return blocks;
  const add = (address: string, config: Json) => {
    const block: Block = { address, config };
    const path = constructPathOf(config);
    if (path) block.constructPath = path;
    blocks.set(address, block);
  };
  for (const [kind, value] of Object.entries(stack)) {
    if (kind === METADATA_KEY) continue;
    if ((kind === "resource" || kind === "data") && isObject(value)) {
      for (const [type, byName] of Object.entries(value)) {
        if (!isObject(byName)) continue;
        for (const [name, config] of Object.entries(byName)) {
          add(kind === "data" ? `data.${type}.${name}` : `${type}.${name}`, config);
        }
      }
    } else if (kind !== "terraform" && isObject(value)) {
      for (const [name, config] of Object.entries(value)) add(`${kind}.${name}`, config);
    } else {
      add(kind, value);
    }
  }
  return blocks;
}

function constructPathOf(config: Json): string | undefined {
  const candidates = Array.isArray(config) ? config : [config];
  for (const item of candidates) {
    if (!isObject(item)) continue;
    const meta = item[METADATA_KEY];
    if (isObject(meta) && isObject(meta["metadata"]) && typeof meta["metadata"]["path"] === "string") {
      return meta["metadata"]["path"];
    }
  }
  return undefined;
}

/** Resources first, then data sources, then the other block kinds; natural order inside each group. */
function compareAddresses(a: string, b: string): number {
  const rank = (address: string) => {
    if (address.startsWith("data.")) return 1;
    const kind = address.split(".")[0]!;
    return /^(output|variable|provider|locals|terraform|module|moved|import|check)$/.test(kind) ? 2 : 0;
  };
  return rank(a) - rank(b) || NATURAL.compare(a, b);
}

/** `queue_2` before `queue_10`. */
const NATURAL = new Intl.Collator("en", { numeric: true });

/** Totals over several stack diffs, for a summary line. */
export function countChanges(diffs: readonly StackDiff[]) {
  return diffs.reduce(
    (total, d) => ({
      added: total.added + d.added.length,
      removed: total.removed + d.removed.length,
      changed: total.changed + d.changed.length,
      renamed: total.renamed + d.renamed.length,
      stacksChanged: total.stacksChanged + (d.status === "unchanged" ? 0 : 1),
    }),
    { added: 0, removed: 0, changed: 0, renamed: 0, stacksChanged: 0 },
  );
}
