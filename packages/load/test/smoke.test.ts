import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LoadSummary } from "../src/index.ts";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].some(existsSync);
const out = mkdtempSync(join(tmpdir(), "edge-load-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Latency on a shared 2-core machine is not something a test may assert: this checks that the run happens
// against the local edge, the report is written, and the exit code is exactly the gate's verdict.
describe.skipIf(!NGINX)(
  "pnpm load --scenario smoke against the local edge (started and stopped by the CLI)",
  () => {
    it("runs Artillery, writes Markdown, JSON and SVG, and exits with the gate's verdict", async () => {
      const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [CLI, "--scenario", "smoke", "--out", out],
          { timeout: 170_000 },
          (error, stdout) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 99) : 0, stdout }),
        );
      });
      const report = JSON.parse(readFileSync(join(out, "smoke.report.json"), "utf8")) as LoadSummary;
      expect(code).toBe(report.passed ? 0 : 1);
      expect(stdout).toMatch(report.passed ? /load: passed/ : /load: FAILED/);
      expect(report.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(report.requests).toBeGreaterThan(0);
      expect(Object.keys(report.byClass).length).toBeGreaterThan(1);
      for (const c of Object.values(report.byClass)) expect(Object.keys(c.cache).length).toBeGreaterThan(0);
      expect(readFileSync(join(out, "smoke.report.md"), "utf8")).toMatch(/\| class \| requests \| p50 ms/);
      expect(readFileSync(join(out, "smoke.chart.svg"), "utf8")).toMatch(/^<svg /);
    }, 180_000);
  },
);
