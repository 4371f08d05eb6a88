// Applies the recipes of docs/how-to.md to a copy of the repository, exactly as the guide writes them.
//
// A recipe step is an HTML comment (invisible on GitHub) followed, for edits, by the fenced block to write:
//   <!-- recipe insert-after "FILE" "ANCHOR LINE" [within "START LINE"] -->  inserts the block after ANCHOR
//   <!-- recipe replace "FILE" "OLD TEXT" [within "START LINE"] -->          replaces OLD TEXT with the block
//   <!-- recipe copy-job "FILE" "FROM" "TO" -->                               copies a workflow job, renamed
//   <!-- recipe run "COMMAND" -->                                            runs a command in the tree
// ANCHOR / OLD TEXT is the first occurrence after START (or in the whole file). A step that cannot be applied
// throws, naming the step: the guide no longer matches the repository.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface RecipeStep {
  kind: "insert-after" | "replace" | "copy-job" | "run";
  file: string;
  args: string[];
  within?: string;
  block?: string;
  /** The marker as written, for error messages. */
  source: string;
}

const MARKER =
  /<!-- recipe (insert-after|replace|copy-job|run) ((?:"(?:[^"\\]|\\.)*"\s*)+)(?:within ("(?:[^"\\]|\\.)*")\s*)?-->/g;
const unquote = (q: string) => JSON.parse(q) as string;

/** Every recipe step of a guide, in order, with its code block. */
export function parseRecipes(markdown: string): RecipeStep[] {
  const steps: RecipeStep[] = [];
  for (const m of markdown.matchAll(MARKER)) {
    const quoted = [...m[2]!.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((q) => unquote(q[0]));
    const [file, ...args] = quoted;
    const step: RecipeStep = {
      kind: m[1] as RecipeStep["kind"],
      file: file!,
      args,
      source: m[0],
      ...(m[3] ? { within: unquote(m[3]) } : {}),
    };
    if (step.kind !== "copy-job" && step.kind !== "run") {
      const rest = markdown.slice(m.index! + m[0].length);
      const fence = /^\s*```[\w-]*\n([\s\S]*?)^```/m.exec(rest);
      if (!fence || rest.slice(0, fence.index).trim() !== "")
        throw new Error(`${step.source}: no code block right after it`);
      step.block = fence[1]!;
    }
    steps.push(step);
  }
  return steps;
}

function locate(text: string, needle: string, within: string | undefined, step: RecipeStep): number {
  const start = within === undefined ? 0 : text.indexOf(within);
  if (start < 0) throw new Error(`${step.source}: "${within}" not found in ${step.file}`);
  const at = text.indexOf(needle, start);
  if (at < 0) throw new Error(`${step.source}: "${needle}" not found in ${step.file}`);
  return at;
}

/** The text of a workflow job: from `  NAME:` to the next job (or the end). */
function jobBlock(text: string, name: string, step: RecipeStep): string {
  const start = text.search(new RegExp(`^  ${name}:\\n`, "m"));
  if (start < 0) throw new Error(`${step.source}: no job "${name}" in ${step.file}`);
  const next = text.slice(start + 1).search(/^ {2}[\w-]+:\n/m);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

export function applyStep(root: string, step: RecipeStep): void {
  if (step.kind === "run") {
    execFileSync("bash", ["-c", step.file], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, EDGE_MODEL: "" },
    });
    return;
  }
  const path = join(root, step.file);
  const text = readFileSync(path, "utf8");
  let out: string;
  if (step.kind === "insert-after") {
    const anchor = step.args[0]!;
    const at = locate(text, anchor, step.within, step);
    const lineEnd = text.indexOf("\n", at) + 1;
    out = text.slice(0, lineEnd) + step.block + text.slice(lineEnd);
  } else if (step.kind === "replace") {
    const old = step.args[0]!;
    const at = locate(text, old, step.within, step);
    out = text.slice(0, at) + step.block!.replace(/\n$/, "") + text.slice(at + old.length);
  } else {
    const [from, to] = step.args as [string, string];
    const block = jobBlock(text, from, step);
    const copy = block.replace(new RegExp(`\\b${from}\\b`, "g"), to);
    const at = text.indexOf(block) + block.length;
    out = text.slice(0, at) + (block.endsWith("\n\n") ? "" : "\n") + copy + text.slice(at);
  }
  writeFileSync(path, out);
}

/** Applies every recipe of the guide at `guide` (a path inside `root`) to the tree at `root`. */
export function applyGuide(root: string, guide: string): RecipeStep[] {
  const steps = parseRecipes(readFileSync(join(root, guide), "utf8"));
  for (const step of steps) applyStep(root, step);
  return steps;
}
