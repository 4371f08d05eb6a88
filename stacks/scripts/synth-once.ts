// One measured synthesis of every stack (child process of bench-synth.ts): prints one JSON line on stdout.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../src/app/build-app.ts";

const outdir = mkdtempSync(path.join(tmpdir(), "edge-synth-"));
try {
  const { app, stacks } = buildApp({ outdir, log: () => {} });
  app.synth();
  const usage = process.resourceUsage();
  console.log(
    JSON.stringify({
      stacks: stacks.length,
      inProcessMs: performance.now(),
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      maxRssKiB: usage.maxRSS,
    }),
  );
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
