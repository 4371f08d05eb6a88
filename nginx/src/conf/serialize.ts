/**
 * The one serializer (nginxconfig.io's to_conf): builders return ordered data, this turns it into text with
 * consistent indentation, aligned arguments and safe quoting.
 */

export type Arg = string | number;

export interface Directive {
  readonly kind: "directive";
  readonly name: string;
  readonly args: readonly Arg[];
}

export interface Block {
  readonly kind: "block";
  /** The opening line without the brace, e.g. `location ^~ /api/` or `upstream web`. */
  readonly head: readonly Arg[];
  readonly body: readonly Entry[];
}

export interface Comment {
  readonly kind: "comment";
  readonly text: string;
}

/** `null` renders a blank line (groups stay readable). */
export type Entry = Directive | Block | Comment | null;

export const directive = (name: string, ...args: Arg[]): Directive => ({ kind: "directive", name, args });
export const block = (head: Arg[], body: readonly Entry[]): Block => ({ kind: "block", head, body });
export const comment = (text: string): Comment => ({ kind: "comment", text });
export const blank = null;

/** The body of a `map {}`: keys are quoted like arguments (`""` for the empty value, regexes with `;`). */
export const mapEntries = (pairs: readonly (readonly [string, Arg])[], fallback: Arg): Directive[] => [
  ...pairs.map(([key, value]) => directive(quote(key), value)),
  directive("default", fallback),
];

const BARE = /^[^\s;{}"'#]+$/;

/** Quotes an argument when nginx's tokenizer needs it. Backslashes pass through (regexes keep `\.`). */
export function quote(arg: Arg): string {
  const s = String(arg);
  if (s !== "" && BARE.test(s)) return s;
  // Single quotes keep JSON (log formats) readable; nginx treats `"` inside them literally.
  if (s.includes('"') && !s.includes("'")) return `'${s}'`;
  return `"${s.replaceAll('"', '\\"')}"`;
}

const INDENT = "    ";

/** Serializes entries; consecutive directives align their first argument (nginxconfig.io style). */
export function toConf(entries: readonly Entry[], depth = 0): string {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  let i = 0;
  while (i < entries.length) {
    const entry = entries[i];
    if (entry === null || entry === undefined) {
      if (lines.length > 0 && lines.at(-1) !== "") lines.push("");
      i++;
    } else if (entry.kind === "comment") {
      lines.push(`${pad}# ${entry.text}`);
      i++;
    } else if (entry.kind === "block") {
      const body = toConf(entry.body, depth + 1);
      lines.push(`${pad}${entry.head.map(quote).join(" ")} {`, ...(body ? [body] : []), `${pad}}`);
      i++;
    } else {
      const run: Directive[] = [];
      while (i < entries.length && entries[i]?.kind === "directive") run.push(entries[i++] as Directive);
      const width = Math.max(...run.map((d) => (d.args.length > 0 ? d.name.length : 0)));
      for (const d of run) {
        const args = d.args.map(quote).join(" ");
        lines.push(args ? `${pad}${d.name.padEnd(width)} ${args};` : `${pad}${d.name};`);
      }
    }
  }
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/** A whole file: optional header comment lines, then the entries, ending in a newline. */
export function toFile(entries: readonly Entry[], header: readonly string[] = []): string {
  const head = header.map((line) => (line ? `# ${line}` : "#"));
  const body = toConf(entries);
  return `${[...head, ...(head.length > 0 ? [""] : []), body].join("\n")}\n`;
}
