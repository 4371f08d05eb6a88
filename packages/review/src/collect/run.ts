// Runs commands in a checked-out tree: package.json scripts (like `pnpm run`) and plain node scripts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { runToCompletion, signalAll } from "@edge/tooling";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Progress lines (`--verbose`): each step with its exit code and wall time. */
let log: ((line: string) => void) | undefined;
export function setStepLog(logger: ((line: string) => void) | undefined): void {
  log = logger;
}

/** Stops the children this process started (each step is its own process group, stopped by its PID). */
export function killRunning(): void {
  signalAll("SIGTERM");
}

/** One step's ceiling: a wedged synth or build must not hang a CI job. */
const STEP_TIMEOUT_MS = 180_000;

/** Environment for tree commands: the tree's `.bin` dirs and this Node first; test-runner variables removed. */
function childEnv(treeRoot: string, cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|TEST$|NODE_OPTIONS$|npm_package_|npm_lifecycle_)/.test(key)) env[key] = value;
  }
  env["PATH"] = [
    join(cwd, "node_modules", ".bin"),
    join(treeRoot, "node_modules", ".bin"),
    dirname(process.execPath),
    process.env["PATH"] ?? "",
  ].join(delimiter);
  return env;
}

/**
 * Steps are CPU-bound (cdktf, esbuild); more of them at once than cores only adds memory and thrash. Queued
 * in call order, so each tree's synth (started first) gets a slot first.
 */
const MAX_PARALLEL_STEPS = Math.max(2, availableParallelism());

let activeSteps = 0;
const waiting: { priority: number; start: () => void }[] = [];

async function withSlot<T>(priority: number, task: () => Promise<T>): Promise<T> {
  if (activeSteps >= MAX_PARALLEL_STEPS) {
    await new Promise<void>((start) => {
      // Stable: equal priorities keep their call order.
      const at = waiting.findIndex((w) => w.priority > priority);
      waiting.splice(at < 0 ? waiting.length : at, 0, { priority, start });
    });
  }
  activeSteps++;
  try {
    return await task();
  } finally {
    activeSteps--;
    waiting.shift()?.start();
  }
}

/** Lower runs first when steps queue: the synth, whose output the policy step still needs, goes first. */
export const PRIORITY = { synth: 0, probe: 1, render: 2 } as const;

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  treeRoot: string,
  priority: number = PRIORITY.render,
): Promise<RunResult> {
  return withSlot(priority, () => spawnStep(command, args, cwd, treeRoot));
}

async function spawnStep(
  command: string,
  args: readonly string[],
  cwd: string,
  treeRoot: string,
): Promise<RunResult> {
  const started = performance.now();
  // Its own process group, so a timeout stops the whole step (e.g. wrangler's esbuild) by one PID.
  const { code, stdout, stderr } = await runToCompletion(command, args, {
    cwd,
    env: childEnv(treeRoot, cwd),
    timeoutMs: STEP_TIMEOUT_MS,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log?.(
    `${relative(treeRoot, cwd) || "."} in ${treeRoot}: ${[command, ...args].join(" ")} → ${code} (${seconds} s)`,
  );
  return { code, stdout, stderr };
}

/** The `scripts` of a package.json, or `undefined` when there is no such file. */
export function readScripts(packageDir: string): Record<string, string> | undefined {
  const file = join(packageDir, "package.json");
  if (!existsSync(file)) return undefined;
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> };
  return pkg.scripts ?? {};
}

/** POSIX shell quoting for one argument. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs a package.json script the way `pnpm run NAME -- ARGS` does: through `sh -c`, arguments appended. */
export function runScript(
  packageDir: string,
  script: string,
  args: readonly string[],
  treeRoot: string,
  priority: number = PRIORITY.render,
): Promise<RunResult> {
  const body = readScripts(packageDir)?.[script];
  if (body === undefined) throw new Error(`no "${script}" script in ${join(packageDir, "package.json")}`);
  // `pnpm --filter PKG SCRIPT` costs two pnpm start-ups (~1–2 s each here); run PKG's script directly instead.
  const delegated = body.match(PNPM_FILTER);
  const target = delegated ? workspacePackageDir(treeRoot, delegated[1]!) : undefined;
  if (delegated && target && readScripts(target)?.[delegated[2]!] !== undefined) {
    return runScript(target, delegated[2]!, args, treeRoot, priority);
  }
  return run("sh", ["-c", [body, ...args.map(shellQuote)].join(" ")], packageDir, treeRoot, priority);
}

/** `pnpm --filter @edge/stacks synth`, `pnpm -F x run build`: one package, one script, nothing else. */
const PNPM_FILTER = /^pnpm (?:--filter|-F) (\S+) (?:run )?([\w:.-]+)$/;

/** The directory (root, or up to two levels down) whose package.json is named `name`. */
export function workspacePackageDir(treeRoot: string, name: string): string | undefined {
  const candidates = [treeRoot];
  for (const entry of readdirSync(treeRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const dir = join(treeRoot, entry.name);
    candidates.push(dir);
    for (const inner of readdirSync(dir, { withFileTypes: true })) {
      if (inner.isDirectory() && !inner.name.startsWith(".") && inner.name !== "node_modules") {
        candidates.push(join(dir, inner.name));
      }
    }
  }
  return candidates.find((dir) => {
    const file = join(dir, "package.json");
    return existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === name;
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal colour codes is the point
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

/** The last meaningful lines of a failed step's output, for a one-line reason in the report. */
export function failureReason(result: RunResult, maxLength = 300): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split("\n")
    .map((line) => line.replace(ANSI_COLOUR, "").trim())
    .filter((line) => line && !/^at |^node:internal|^\^+$|^Node\.js v/.test(line));
  const error =
    lines.find((line) => /error/i.test(line)) ?? lines[lines.length - 1] ?? `exit code ${result.code}`;
  return error.length > maxLength ? `${error.slice(0, maxLength - 1)}…` : error;
}
