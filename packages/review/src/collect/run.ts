// Runs commands in a checked-out tree: package.json scripts (like `pnpm run`) and plain node scripts.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every child still running, so an interrupted review can stop exactly what it started. */
const running = new Set<ChildProcess>();

/** Stops the children this process started (by PID, with their process groups). */
export function killRunning(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
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

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  treeRoot: string,
): Promise<RunResult> {
  return new Promise((resolve) => {
    // detached: its own process group, so a timeout stops the whole step (e.g. wrangler's esbuild) by one PID.
    const child = spawn(command, args, {
      cwd,
      env: childEnv(treeRoot, cwd),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\ntimed out after ${STEP_TIMEOUT_MS / 1000} s`;
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    }, STEP_TIMEOUT_MS);
    const done = (code: number) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    };
    child.on("error", (error) => {
      stderr += String(error);
      done(127);
    });
    child.on("close", (code) => done(code ?? 1));
  });
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
): Promise<RunResult> {
  const body = readScripts(packageDir)?.[script];
  if (body === undefined) throw new Error(`no "${script}" script in ${join(packageDir, "package.json")}`);
  return run("sh", ["-c", [body, ...args.map(shellQuote)].join(" ")], packageDir, treeRoot);
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
