// A small line diff (Myers' O(ND) algorithm) and a unified-diff printer. Pure: no I/O, no dependencies.

export interface LineEdit {
  op: " " | "-" | "+";
  line: string;
}

export interface UnifiedDiffOptions {
  /** Label of the old side (`--- a/...`). @default "a" */
  oldName?: string;
  /** Label of the new side (`+++ b/...`). @default "b" */
  newName?: string;
  /** Unchanged lines shown around each change. @default 3 */
  context?: number;
}

/** Past this many differences the shortest script is not worth its memory: print "all removed, all added". */
const MAX_EDIT_DISTANCE = 2000;

/** Shortest edit script turning `a` into `b`, as kept / removed / added lines in order. */
export function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  // Common head and tail cost nothing and shrink the search for the usual small change in a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const keep = (line: string): LineEdit => ({ op: " ", line });
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...a.slice(0, head).map(keep), ...middle, ...a.slice(a.length - tail).map(keep)];
}

function myers(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return replaceAll(a, b);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d-1 .. d+1] as it was before step d: enough to walk the path back.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return replaceAll(a, b);

  const edits: LineEdit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const row = trace[d]!;
    const at = (k: number) => row[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: " ", line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) edits.push({ op: "+", line: b[y - 1]! });
      else edits.push({ op: "-", line: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[]): LineEdit[] {
  return [...a.map((line) => ({ op: "-" as const, line })), ...b.map((line) => ({ op: "+" as const, line }))];
}

/** Text split into lines; a final newline does not make an extra empty line. `undefined` (no file) is empty. */
export function toLines(text: string | undefined): string[] {
  if (text === undefined || text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Unified diff (`diff -u` format) of two texts; `""` when they are equal. A side that is `undefined` is a missing
 * file (printed as `/dev/null`).
 */
export function unifiedDiff(
  oldText: string | undefined,
  newText: string | undefined,
  options: UnifiedDiffOptions = {},
): string {
  if (oldText === newText) return "";
  const context = options.context ?? 3;
  const edits = diffLines(toLines(oldText), toLines(newText));
  const hunks = collectHunks(edits, context);
  if (hunks.length === 0) return ""; // texts differ only in a trailing newline
  const out = [
    `--- ${oldText === undefined ? "/dev/null" : (options.oldName ?? "a")}`,
    `+++ ${newText === undefined ? "/dev/null" : (options.newName ?? "b")}`,
  ];
  for (const hunk of hunks) out.push(...hunk);
  return `${out.join("\n")}\n`;
}

/** Counts of removed and added lines, e.g. for a "+5 −2" summary. */
export function diffStat(oldText: string | undefined, newText: string | undefined) {
  let added = 0;
  let removed = 0;
  for (const edit of diffLines(toLines(oldText), toLines(newText))) {
    if (edit.op === "+") added++;
    else if (edit.op === "-") removed++;
  }
  return { added, removed };
}

function collectHunks(edits: readonly LineEdit[], context: number): string[][] {
  const changed: number[] = [];
  edits.forEach((edit, index) => {
    if (edit.op !== " ") changed.push(index);
  });
  const hunks: string[][] = [];
  let i = 0;
  while (i < changed.length) {
    // Grow the hunk while at most 2 × context unchanged lines separate it from the next change (as GNU diff).
    let last = i;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++;
    const start = Math.max(0, changed[i]! - context);
    const end = Math.min(edits.length, changed[last]! + context + 1);
    hunks.push(formatHunk(edits, start, end));
    i = last + 1;
  }
  return hunks;
}

function formatHunk(edits: readonly LineEdit[], start: number, end: number): string[] {
  // Line numbers (1-based) of the hunk's first line on each side.
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < start; i++) {
    if (edits[i]!.op !== "+") oldLine++;
    if (edits[i]!.op !== "-") newLine++;
  }
  let oldCount = 0;
  let newCount = 0;
  const body: string[] = [];
  for (let i = start; i < end; i++) {
    const edit = edits[i]!;
    if (edit.op !== "+") oldCount++;
    if (edit.op !== "-") newCount++;
    body.push(`${edit.op}${edit.line}`);
  }
  const range = (line: number, count: number) =>
    count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`;
  return [`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...body];
}
