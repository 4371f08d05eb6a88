// Import hygiene: provider barrels never; cdktf and the providers only through src/providers/*.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f));
const importsOf = (file: string) =>
  [...readFileSync(path.join(root, file), "utf8").matchAll(/^(?:import|export)[^;]*?from "([^"]+)";/gms)].map(
    (m) => m[1] as string,
  );

describe("imports", () => {
  it("never loads a provider package's barrel (8–14 s and ~900 MB per synth)", () => {
    for (const file of [...sources("src"), ...sources("test"), ...sources("scripts")]) {
      const barrels = importsOf(file).filter((s) => /^@cdktf\/provider-[a-z]+$/.test(s));
      expect({ file, barrels }).toEqual({ file, barrels: [] });
    }
  });

  it("reaches cdktf, constructs and the providers only through src/providers", () => {
    const own = ["src/app", "src/aws", "src/cloudflare", "src/main.ts", "src/index.ts"];
    const files = own.flatMap((p) => (p.endsWith(".ts") ? [p] : sources(p)));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const direct = importsOf(file).filter((s) => /^(cdktf|constructs|@cdktf\/)/.test(s));
      expect({ file, direct }).toEqual({ file, direct: [] });
    }
  });

  it("imports each provider class by its deep path", () => {
    for (const file of ["src/providers/aws.ts", "src/providers/cloudflare.ts"]) {
      const specifiers = importsOf(file);
      expect(specifiers.length).toBeGreaterThan(3);
      for (const s of specifiers) expect(s).toMatch(/^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+\/index\.js$/);
    }
  });
});
