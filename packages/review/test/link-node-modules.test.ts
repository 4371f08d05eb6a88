import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { linkNodeModules } from "../src/collect/link-node-modules.ts";

describe("linkNodeModules", () => {
  const root = mkdtempSync(join(tmpdir(), "review-link-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const file = (path: string, text = "{}") => {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  };
  // A pnpm-shaped main checkout: a store, a third-party link and a workspace link.
  const main = join(root, "main");
  const tree = join(root, "tree");
  file(join(main, "package.json"));
  file(join(main, "node_modules/.pnpm/zod@4/node_modules/zod/package.json"));
  file(join(main, "node_modules/.vite/cache.json"));
  file(join(main, "packages/platform/package.json"));
  file(join(main, "stacks/package.json"));
  mkdirSync(join(main, "packages/platform/node_modules"), { recursive: true });
  symlinkSync(
    "../../../node_modules/.pnpm/zod@4/node_modules/zod",
    join(main, "packages/platform/node_modules/zod"),
  );
  mkdirSync(join(main, "stacks/node_modules/@edge"), { recursive: true });
  symlinkSync("../../../packages/platform", join(main, "stacks/node_modules/@edge/platform"));
  file(join(tree, "package.json"));
  file(join(tree, "packages/platform/package.json"));
  file(join(tree, "stacks/package.json"));

  const summary = linkNodeModules(main, tree);

  it("links workspace packages to the tree's own copy, not to the main checkout", () => {
    expect(realpathSync(join(tree, "stacks/node_modules/@edge/platform"))).toBe(
      realpathSync(join(tree, "packages/platform")),
    );
    expect(summary.workspaceLinks).toBe(1);
  });

  it("links third-party packages to the main checkout's store and leaves tool caches behind", () => {
    expect(readlinkSync(join(tree, "packages/platform/node_modules/zod"))).toBe(
      realpathSync(join(main, "node_modules/.pnpm/zod@4/node_modules/zod")),
    );
    expect(existsSync(join(tree, "node_modules/.pnpm/zod@4/node_modules/zod/package.json"))).toBe(true);
    expect(existsSync(join(tree, "node_modules/.vite"))).toBe(false);
    expect(summary.directories.sort()).toEqual(["", "packages/platform", "stacks"]);
  });
});
