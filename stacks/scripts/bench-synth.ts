// `pnpm bench:synth`: wall time and peak RSS of synthesizing every stack of every environment, each run in its
// own child process, against a baseline measured in the same run: the same stacks importing the provider
// barrels instead of deep paths. Usage: node scripts/bench-synth.ts [--rounds N (default 2)] [--cold]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--")), // `pnpm bench:synth -- --rounds 3`
  options: { rounds: { type: "string", default: "2" }, cold: { type: "boolean", default: false } },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) {
  throw new RangeError(`--rounds: ${values.rounds} must be a whole number from 1 to 10`);
}

const GOAL = { seconds: 3, rssMB: 400 };
const TIMEOUT_MS = 120_000;

interface Sample {
  wallS: number;
  /** CPU time (user + system) of the child: less sensitive than wall time to other work on the machine. */
  cpuS: number;
  rssMB: number;
}

function measure(variant: "deep" | "barrel"): Sample {
  const args = [
    "--disable-warning=DEP0044",
    ...(variant === "barrel" ? ["--import", here("./barrel-imports.ts")] : []),
    here("./synth-once.ts"),
  ];
  const cacheDir = values.cold ? mkdtempSync(path.join(tmpdir(), "edge-bench-cache-")) : undefined;
  const started = performance.now();
  const child = spawnSync(process.execPath, args, {
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      // --cold: an empty compile cache per run, as on a fresh clone; otherwise the caller's (warm) cache.
      ...(cacheDir ? { NODE_COMPILE_CACHE: cacheDir } : {}),
    },
  });
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  const wallS = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${variant} synth failed (${child.status}):\n${child.stderr}`);
  const report = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as {
    maxRssKiB: number;
    cpuMs: number;
  };
  return { wallS, cpuS: report.cpuMs / 1000, rssMB: (report.maxRssKiB * 1024) / 1e6 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const samples = { deep: [] as Sample[], barrel: [] as Sample[] };
for (let round = 1; round <= rounds; round++) {
  // Alternate the order so machine noise hits both variants alike.
  const order = round % 2 ? (["deep", "barrel"] as const) : (["barrel", "deep"] as const);
  for (const variant of order) {
    const s = measure(variant);
    samples[variant].push(s);
    const line = `wall ${s.wallS.toFixed(2)} s  cpu ${s.cpuS.toFixed(2)} s  peak RSS ${s.rssMB.toFixed(0)} MB`;
    console.log(`round ${round} ${variant.padEnd(6)} ${line}`);
  }
}

const summary = (variant: "deep" | "barrel") => ({
  wallS: median(samples[variant].map((s) => s.wallS)),
  cpuS: median(samples[variant].map((s) => s.cpuS)),
  rssMB: median(samples[variant].map((s) => s.rssMB)),
});
const deep = summary("deep");
const barrel = summary("barrel");
const row = (label: string, s: ReturnType<typeof summary>) =>
  `  ${label.padEnd(15)} wall ${s.wallS.toFixed(2)} s   cpu ${s.cpuS.toFixed(2)} s   peak RSS ${s.rssMB.toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const cache = values.cold
  ? "cold (fresh compile cache per run)"
  : `warm (NODE_COMPILE_CACHE=${process.env.NODE_COMPILE_CACHE ?? "unset"})`;
console.log(`\nall 6 stacks (2 environments × 3 layers), median of ${rounds}, ${cache}:`);
console.log(row("deep imports", deep));
console.log(`${row("barrel imports", barrel)}  (baseline)`);
console.log(
  `  ratio deep/barrel: wall ${ratio(deep.wallS, barrel.wallS)}, cpu ${ratio(deep.cpuS, barrel.cpuS)}, RSS ${ratio(deep.rssMB, barrel.rssMB)}`,
);
const met = (ok: boolean) => (ok ? "met" : "MISSED");
console.log(
  `  goal ≤ ${GOAL.seconds} s and ≤ ${GOAL.rssMB} MB: wall ${met(deep.wallS <= GOAL.seconds)}, RSS ${met(deep.rssMB <= GOAL.rssMB)}`,
);
