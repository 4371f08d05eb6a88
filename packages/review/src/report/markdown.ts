// Small Markdown helpers shared by the report sections.
import type { Section, SideResult } from "../types.ts";

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A table cell: no pipes or newlines may break the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${body.endsWith("\n") ? body : `${body}\n`}${fence}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A collapsed block; `summary` is HTML (GitHub renders no Markdown there). */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `main` (`1a2b3c4`), `working tree` (`1a2b3c4` + uncommitted changes). */
export function sideLabel(side: SideResult): string {
  const commit = side.commit
    ? ` (${code(side.commit.slice(0, 7))}${side.dirty ? " + uncommitted changes" : ""})`
    : "";
  return `${code(side.ref)}${commit}`;
}

/** Why a section has no value on one side, in the report's words: "not available at `v1`" / "failed at ...". */
export function unavailable(section: Section<unknown>, side: SideResult): string {
  if (section.status === "missing") return `not available at ${code(side.ref)} (${section.reason})`;
  if (section.status === "failed") return `failed at ${code(side.ref)}: ${section.error}`;
  return "";
}

const UNITS = ["B", "KiB", "MiB"] as const;

/** `48,213 B (47.1 KiB)` */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const exact = `${bytes.toLocaleString("en-US")} B`;
  return unit === 0 ? exact : `${exact} (${value.toFixed(1)} ${UNITS[unit]})`;
}

/** `+1,204 B (+2.5%)`, `−310 B (−0.6%)`, `±0 B`. */
export function formatDelta(before: number, after: number): string {
  const delta = after - before;
  if (delta === 0) return "±0 B";
  const sign = delta > 0 ? "+" : "−";
  const percent = before > 0 ? ` (${sign}${((Math.abs(delta) / before) * 100).toFixed(1)}%)` : "";
  return `${sign}${Math.abs(delta).toLocaleString("en-US")} B${percent}`;
}
