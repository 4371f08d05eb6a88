import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffLines, diffStat, toLines, unifiedDiff } from "../src/diff/unified.ts";

/** Minimum number of inserted + deleted lines, by the textbook LCS table (the oracle for diffLines). */
function minimumEdits(a: string[], b: string[]): number {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  return a.length + b.length - 2 * lcs[0]![0]!;
}

/** Deterministic pseudo-random line lists over a small alphabet, so lines repeat (the hard case for a diff). */
function* randomPairs(count: number) {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const list = () => Array.from({ length: next() % 14 }, () => "abcde"[next() % 5]!);
  for (let i = 0; i < count; i++) yield [list(), list()] as const;
}

describe("diffLines", () => {
  it("finds a shortest edit script that turns the old lines into the new ones", () => {
    for (const [a, b] of randomPairs(400)) {
      const edits = diffLines(a, b);
      expect(edits.filter((e) => e.op !== "+").map((e) => e.line)).toEqual(a);
      expect(edits.filter((e) => e.op !== "-").map((e) => e.line)).toEqual(b);
      expect(edits.filter((e) => e.op !== " ")).toHaveLength(minimumEdits(a, b));
    }
  });

  it("handles empty sides", () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines([], ["x"])).toEqual([{ op: "+", line: "x" }]);
    expect(diffLines(["x"], [])).toEqual([{ op: "-", line: "x" }]);
  });
});

describe("unifiedDiff", () => {
  const file = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
  const text = (lines: string[]) => `${lines.join("\n")}\n`;

  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n")).toBe("");
  });

  it("prints one hunk with three lines of context around a change", () => {
    const changed = file.map((line) => (line === "line 10" ? "line ten" : line));
    expect(unifiedDiff(text(file), text(changed), { oldName: "a/x.conf", newName: "b/x.conf" })).toBe(
      [
        "--- a/x.conf",
        "+++ b/x.conf",
        "@@ -7,7 +7,7 @@",
        " line 7",
        " line 8",
        " line 9",
        "-line 10",
        "+line ten",
        " line 11",
        " line 12",
        " line 13",
        "",
      ].join("\n"),
    );
  });

  it("merges changes whose contexts touch and splits distant ones", () => {
    const near = file.map((line) => (line === "line 5" || line === "line 11" ? `${line}!` : line));
    expect(unifiedDiff(text(file), text(near)).match(/^@@/gm)).toHaveLength(1);
    const far = file.map((line) => (line === "line 2" || line === "line 18" ? `${line}!` : line));
    expect(unifiedDiff(text(file), text(far)).match(/^@@ .* @@$/gm)).toEqual([
      "@@ -1,5 +1,5 @@",
      "@@ -15,6 +15,6 @@",
    ]);
  });

  it("diffs a new file against /dev/null", () => {
    expect(unifiedDiff(undefined, "a\nb\n", { newName: "b/new.conf" })).toBe(
      "--- /dev/null\n+++ b/new.conf\n@@ -0,0 +1,2 @@\n+a\n+b\n",
    );
    expect(unifiedDiff("a\n", undefined, { oldName: "a/old.conf" })).toBe(
      "--- a/old.conf\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n",
    );
  });

  it("agrees with GNU diff -u on hunk headers for a realistic edit", () => {
    const before = text(file);
    const after = text([...file.slice(0, 3), "inserted", ...file.slice(3, 12), ...file.slice(14), "tail"]);
    const dir = mkdtempSync(join(tmpdir(), "review-diff-"));
    try {
      writeFileSync(join(dir, "a"), before);
      writeFileSync(join(dir, "b"), after);
      let gnu = "";
      try {
        execFileSync("diff", ["-u", "--label", "a", "--label", "b", "a", "b"], {
          cwd: dir,
          encoding: "utf8",
        });
      } catch (error) {
        gnu = (error as { stdout: string }).stdout; // diff exits 1 when the files differ
      }
      expect(unifiedDiff(before, after)).toBe(gnu);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts added and removed lines", () => {
    expect(diffStat("a\nb\nc\n", "a\nc\nd\ne\n")).toEqual({ added: 2, removed: 1 });
    expect(toLines("a\nb")).toEqual(["a", "b"]);
  });
});
