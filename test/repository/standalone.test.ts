// The repository stands alone: a clone of it, with nothing beside it, has every file its tests, benches, tools
// and workflows read. This test reads every tracked text file and fails on any path that leaves the repository:
// a relative path that climbs above the root from the file that names it, a `shared/` folder beside the clone,
// or an absolute path into this machine's work folders.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);

/** Text files git tracks (binary fixtures and the lockfile cannot name a path a person wrote). */
function trackedTextFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return (
    out
      .split("\0")
      .filter(Boolean)
      .filter((f) => /\.(ts|mts|mjs|js|cjs|json|jsonc|ya?ml|sh|md|toml|conf)$/.test(f) || f === ".ci/run")
      .filter((f) => !f.endsWith("pnpm-lock.yaml") && !f.startsWith("fixtures/"))
      // This file spells out the outside paths it looks for, as examples.
      .filter((f) => f !== "test/repository/standalone.test.ts")
  );
}

export interface OutsideReference {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Relative paths in a line: runs of `../` (at least one), optionally followed by a path segment. */
const RELATIVE_CLIMB = /(?:^|[\s"'`(=,:[])((?:\.\.\/)+[\w.@-]*)/g;
/** Names that only exist outside a clone on this workplace's machines. */
const OUTSIDE_NAMES = [/(^|[^\w.])\.\.\/shared\b/, /\/work\/(main|shared|wt)\b/, /(^|[\s"'`])~\//];

export function findOutsideReferences(file: string, text: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const dir = dirname(join(ROOT, file));
  text.split("\n").forEach((line, index) => {
    for (const pattern of OUTSIDE_NAMES) {
      if (pattern.test(line))
        found.push({ file, line: index + 1, text: line.trim(), why: `names ${pattern}` });
    }
    for (const match of line.matchAll(RELATIVE_CLIMB)) {
      const target = resolve(dir, match[1] ?? "");
      // `new URL("../..", import.meta.url)` resolves against the file itself, like a path from its folder.
      if (relative(ROOT, target).startsWith("..")) {
        found.push({
          file,
          line: index + 1,
          text: line.trim(),
          why: `${match[1]} climbs out of the repository`,
        });
      }
    }
  });
  return found;
}

describe("the repository stands alone", () => {
  it("no tracked source, test, script, workflow or doc names a path outside the repository", () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      findOutsideReferences(file, readFileSync(join(ROOT, file), "utf8")),
    );
    expect(found.map((f) => `${f.file}:${f.line}: ${f.why}\n    ${f.text}`)).toEqual([]);
  });

  it("the check catches a climb above the root, ../shared and a machine path (so a pass means something)", () => {
    expect(
      findOutsideReferences("workers/edge/vitest.config.ts", 'new URL("../../../shared/x", u)'),
    ).toHaveLength(2);
    expect(findOutsideReferences("test/support/a.ts", 'join(ROOT, "../x")')).toHaveLength(0);
    expect(findOutsideReferences("test/support/a.ts", 'resolve(here, "../../../etc")')).toHaveLength(1);
    expect(findOutsideReferences("README.md", "cp -r /work/shared/fixtures .")).toHaveLength(1);
    expect(findOutsideReferences("packages/x/src/a.ts", 'import "../../../stacks/src/a.ts"')).toHaveLength(0);
  });

  it("the fixtures every test reads are inside the repository, with their sources", () => {
    const listed = readFileSync(join(ROOT, "fixtures/SOURCES.md"), "utf8");
    const files = execFileSync("git", ["ls-files", "fixtures/images", "fixtures/html"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      expect(listed, `${file} has no entry in fixtures/SOURCES.md`).toContain(file.split("/").pop());
  });
});
