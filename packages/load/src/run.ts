import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Platform } from "@edge/platform";
import { chartSvg } from "./chart.ts";
import { processorSource } from "./processor.ts";
import { type ArtilleryOutput, type LoadSummary, summarize, toMarkdown } from "./report.ts";
import { renderScenario, type ScenarioName } from "./scenario.ts";
import { thresholdsFor } from "./thresholds.ts";

const ARTILLERY_BIN = join(
  dirname(createRequire(import.meta.url).resolve("artillery/package.json")),
  "bin/run",
);

export interface LoadOptions {
  platform: Platform;
  scenario: ScenarioName;
  /** Base URL of the edge. */
  target: string;
  /** Where script, raw output and the reports go. */
  outDir: string;
  /** Artillery's console output. @default inherited stderr */
  quiet?: boolean;
  /** Write Artillery's console output (its 10 s period summaries) to this file instead. @default none */
  logFile?: string;
  /** Stop Artillery (SIGINT, by its PID) when it runs this much longer than its phases. @default 300 */
  graceSeconds?: number;
}

export interface LoadRun {
  summary: LoadSummary;
  files: { script: string; raw: string; json: string; markdown: string; svg: string };
  artilleryExitCode: number;
}

/**
 * Renders the scenario, runs Artillery on it (telemetry off, nothing leaves the machine but the load), reads its
 * output and writes the report: Markdown, JSON and an SVG chart. Passing = no SLO threshold breached and
 * Artillery's own `ensure` checks passed.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const { platform, scenario, target, outDir } = options;
  mkdirSync(outDir, { recursive: true });
  const thresholds = thresholdsFor(platform);
  const files = {
    script: join(outDir, `${scenario}.artillery.json`),
    raw: join(outDir, `${scenario}.artillery-output.json`),
    json: join(outDir, `${scenario}.report.json`),
    markdown: join(outDir, `${scenario}.report.md`),
    svg: join(outDir, `${scenario}.chart.svg`),
  };
  const processor = join(outDir, `${scenario}.processor.cjs`);
  writeFileSync(processor, processorSource(Object.keys(platform.routeClasses)));
  writeFileSync(files.script, JSON.stringify(renderScenario(platform, scenario, target, processor), null, 2));

  const phaseSeconds = platform.operations.loadScenarios[scenario].reduce((a, p) => a + p.durationSeconds, 0);
  const boundSeconds = phaseSeconds + (options.graceSeconds ?? 300);
  const artilleryExitCode = await new Promise<number>((resolve, reject) => {
    const log = options.logFile ? createWriteStream(options.logFile) : undefined;
    const child = spawn(process.execPath, [ARTILLERY_BIN, "run", files.script, "--output", files.raw], {
      stdio: ["ignore", log ? "pipe" : options.quiet ? "ignore" : "inherit", "pipe"],
      env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" },
    });
    if (log) child.stdout?.pipe(log);
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      if (!options.quiet && !log) process.stderr.write(d);
      stderr = (stderr + d.toString()).slice(-4000);
    });
    // A run that cannot keep up (an overloaded machine or target) must not hang the caller forever.
    let stopped = false;
    const bound = setTimeout(() => {
      stopped = true;
      child.kill("SIGINT");
    }, boundSeconds * 1000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(bound);
      log?.end();
      if (stopped)
        reject(
          new Error(`artillery did not finish within ${boundSeconds} s (phases ${phaseSeconds} s): stopped`),
        );
      else if (code !== 0 && code !== 1)
        reject(new Error(`artillery exited with ${code}: ${stderr.trim().slice(-800)}`));
      else resolve(code);
    });
  });

  const raw = JSON.parse(readFileSync(files.raw, "utf8")) as ArtilleryOutput;
  const summary = summarize(raw, scenario, target, thresholds);
  if (artilleryExitCode !== 0 && summary.passed)
    summary.breaches.push({ what: "artillery ensure checks", actual: artilleryExitCode, limit: 0 });
  summary.passed = summary.breaches.length === 0;
  writeFileSync(files.json, `${JSON.stringify({ ...summary, thresholds }, null, 2)}\n`);
  writeFileSync(files.svg, chartSvg(summary));
  writeFileSync(files.markdown, toMarkdown(summary, `${scenario}.chart.svg`));
  return { summary, files, artilleryExitCode };
}
