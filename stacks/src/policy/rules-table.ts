import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { edgePlatformPack } from "./packs/edge-platform.ts";
import type { PackEntry, PolicyPack } from "./types.ts";

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const level = (entry: PackEntry) =>
  typeof entry.level === "function" ? (entry.levelText ?? "depends") : entry.level;

/** RULES.md: one row per pack entry (cdk-nag's Rule ID / Cause / Explanation table, plus Checkov and fix). */
export function renderRulesTable(pack: PolicyPack = edgePlatformPack): string {
  const rows = pack.entries.map((e) =>
    [e.id, e.rule.checkov ?? "", level(e), e.info, e.explanation, e.fix].map(cell).join(" | "),
  );
  return [
    "# Policy rules",
    "",
    `Generated from the \`${pack.name}\` pack by \`node stacks/src/policy/rules-table.ts\`; a test keeps it in sync.`,
    "Every stack runs the pack at synth (`applyPolicyPack(stack)`): an `error` finding fails synth, a `warning` is",
    "printed. Suppress with `suppress(construct, ruleId, reason)` (reason of 10+ characters); suppressions are written",
    "into the block's `//` comment in `cdk.tf.json`, so `evaluateStack(json)` honours them in reviews too.",
    "Values that are Terraform expressions (`var.x`, other resources' attributes) are unknown at synth and treated as compliant where the",
    "rule checks a value. WAF rules given as `rule_json` are not inspected (use `rule`).",
    "",
    "| Rule ID | Checkov | Severity | Cause | Explanation | Fix |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
    "",
  ].join("\n");
}

// `node stacks/src/policy/rules-table.ts` rewrites stacks/RULES.md.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL("../../RULES.md", import.meta.url));
  writeFileSync(target, renderRulesTable());
  console.log(`wrote ${target} (${edgePlatformPack.entries.length} rules)`);
}
