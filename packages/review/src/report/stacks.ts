// The "Stacks" section: per stack, blocks added / removed / changed with `path: old → new` lines.
import { countChanges, diffStacks, type StackDiff, type TerraformJson } from "../diff/stacks.ts";
import { type AttributeChange, formatChange, isObject } from "../diff/values.ts";
import type { ReviewData } from "../types.ts";
import type { ReportLimits } from "./limits.ts";
import { code, details, escapeHtml, fenced, plural, unavailable } from "./markdown.ts";

export function renderStacks(data: ReviewData, limits: ReportLimits): { body: string; summary: string } {
  const { base, head } = data;
  if (head.stacks.status !== "ok") {
    const why = unavailable(head.stacks, head);
    const atBase = base.stacks.status === "ok" ? "" : `; ${unavailable(base.stacks, base)}`;
    return { body: `Stacks: ${why}${atBase}.`, summary: why };
  }
  if (base.stacks.status !== "ok") {
    const lines = Object.entries(head.stacks.value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, json]) => `- ${code(name)}: ${plural(resourceCount(json), "resource")}`);
    const why = unavailable(base.stacks, base);
    return {
      body: `Stacks: ${why}, so there is nothing to compare. The head synthesizes:\n\n${lines.join("\n")}`,
      summary: `${plural(lines.length, "stack")} at head; ${why}`,
    };
  }
  const diffs = diffStacks(base.stacks.value, head.stacks.value);
  const totals = countChanges(diffs);
  const changed = diffs.filter((d) => d.status !== "unchanged");
  const unchanged = diffs.filter((d) => d.status === "unchanged").map((d) => code(d.stack));
  const parts = changed.map((d) => renderStackDiff(d, limits));
  if (diffs.length === 0) parts.push("No stacks on either side.");
  else if (changed.length === 0) parts.push(`No stacks changed: ${unchanged.join(", ")}.`);
  else if (unchanged.length > 0) parts.push(`Unchanged: ${unchanged.join(", ")}.`);
  const summary =
    changed.length === 0
      ? `no changes (${plural(diffs.length, "stack")})`
      : `${changed.length} of ${plural(diffs.length, "stack")} changed: ${totals.added} added, ` +
        `${totals.removed} removed, ${totals.changed} changed` +
        (totals.renamed > 0 ? `, ${totals.renamed} renamed` : "");
  return { body: parts.join("\n\n"), summary };
}

function renderStackDiff(diff: StackDiff, limits: ReportLimits): string {
  const state =
    diff.status === "added" ? " (new stack)" : diff.status === "removed" ? " (stack removed)" : "";
  const renamed = diff.renamed.length > 0 ? ` ↻${diff.renamed.length}` : "";
  const counts = `+${diff.added.length} −${diff.removed.length} ~${diff.changed.length}${renamed}`;
  const out = [`### ${code(diff.stack)}${state} — ${counts}`];
  if (diff.status === "added") {
    // A new stack (usually a new environment): its shape in one line, the resource list collapsed.
    const byType = new Map<string, number>();
    for (const b of diff.added) {
      const type = b.address.replace(/\.[^.]+$/, "");
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    const shape = [...byType].map(([type, n]) => `${n} ${type}`).join(", ");
    const list = capped(
      diff.added.map((b) => `- ${code(b.address)}`),
      limits.blocksPerList,
    ).join("\n");
    out.push("", details(`${plural(diff.added.length, "block")}: ${escapeHtml(shape)}`, list));
    return out.join("\n");
  }
  const list = (title: string, addresses: string[]) => {
    if (addresses.length === 0) return;
    out.push(
      "",
      `**${title}**`,
      ...capped(
        addresses.map((a) => `- ${code(a)}`),
        limits.blocksPerList,
      ),
    );
  };
  list(
    "Added",
    diff.added.map((b) => b.address),
  );
  list(
    "Removed",
    diff.removed.map((b) => b.address),
  );
  if (diff.renamed.length > 0) {
    out.push(
      "",
      "**Renamed** (same configuration, new address: Terraform replaces these unless a `moved` block maps them)",
      ...capped(
        diff.renamed.map((r) => `- ${code(r.from)} → ${code(r.to)}`),
        limits.blocksPerList,
      ),
    );
  }
  if (diff.changed.length > 0) {
    out.push("", "**Changed**");
    const blocks = capped(
      diff.changed.map((block) => {
        const lines = block.changes.map((change) => {
          const [before, after] = formatChange(change, limits.valueWidth);
          return `  - ${code(change.path)}: ${code(before)} → ${code(after)}${wholeValues(change, before, after)}`;
        });
        return [`- ${code(block.address)}`, ...capped(lines, limits.changesPerBlock, "  ")].join("\n");
      }),
      limits.blocksPerList,
    );
    out.push(...blocks);
  }
  return out.join("\n");
}

/** The first `max` lines, then one line saying how many were left out. */
export function capped(lines: string[], max: number, indent = ""): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `${indent}- … and ${lines.length - max} more`];
}

function resourceCount(json: TerraformJson): number {
  const resources = json["resource"];
  if (!isObject(resources)) return 0;
  return Object.values(resources).reduce<number>(
    (n, byName) => n + (isObject(byName) ? Object.keys(byName).length : 0),
    0,
  );
}

/** When a value was cut to fit a line, both sides whole in a collapsed block under it (indented into the list). */
function wholeValues(change: AttributeChange, before: string, after: string): string {
  const whole = (v: AttributeChange["old"]) => (v === undefined ? "(none)" : JSON.stringify(v));
  const [a, b] = [whole(change.old), whole(change.new)];
  if (a === before && b === after) return "";
  const show = (v: AttributeChange["old"]) =>
    typeof v === "string" ? v : v === undefined ? "(none)" : JSON.stringify(v, null, 2);
  const body = fenced(
    "diff",
    [
      ...show(change.old)
        .split("\n")
        .map((l) => `- ${l}`),
      ...show(change.new)
        .split("\n")
        .map((l) => `+ ${l}`),
    ].join("\n"),
  );
  const block = details("whole values", body);
  return `\n\n${block.replace(/^(?=.)/gm, "    ")}\n`;
}
