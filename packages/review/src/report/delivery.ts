// The "Delivery" section: how each environment is deployed — the workflows and the wrangler configuration,
// as unified diffs (a new environment needs its deploy job and its wrangler env block). Pure.
import { diffStat, unifiedDiff } from "../diff/unified.ts";
import type { ReviewData } from "../types.ts";
import { code, details, escapeHtml, fenced, plural } from "./markdown.ts";

export function renderDelivery(data: ReviewData): { body: string; summary: string } {
  const before = data.base.delivery;
  const after = data.head.delivery;
  if (!before || !after) return { body: "Delivery files: not collected.", summary: "not collected" };
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const parts: string[] = [];
  for (const file of files) {
    const text = unifiedDiff(before[file], after[file], { oldName: `base/${file}`, newName: `head/${file}` });
    if (!text) continue;
    const stat = diffStat(before[file], after[file]);
    const state = !(file in before) ? ", new" : !(file in after) ? ", removed" : "";
    parts.push(
      details(
        `<code>${escapeHtml(file)}</code> (+${stat.added} −${stat.removed}${state})`,
        fenced("diff", text),
      ),
    );
  }
  if (parts.length === 0)
    return {
      body: `No change to ${plural(files.length, "file")} (${files.map(code).join(", ")}).`,
      summary: "no change",
    };
  return { body: parts.join("\n\n"), summary: `${plural(parts.length, "file")} changed` };
}
