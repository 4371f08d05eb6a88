// The one child-process helper of the tools, tests and benches (local edge, nginx tests and bench, review).
// Every child is tracked and stopped by its own PID — or its own process group when started `detached` — never
// by name, and whatever is still running when this process exits is killed.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

const children = new Set<ChildProcess>();
/** Children started `detached`: their PID is also their process group, signalled as a whole. */
const groups = new WeakSet<ChildProcess>();

export const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (!child.pid || !isRunning(child)) return;
  try {
    process.kill(groups.has(child) ? -child.pid : child.pid, name);
  } catch {
    // Exited between the check and the signal: nothing left to stop.
  }
}

/** Sends `name` to every child still running (a review interrupted by Ctrl-C stops what it started). */
export function signalAll(name: NodeJS.Signals = "SIGTERM"): void {
  for (const child of children) signal(child, name);
}

process.once("exit", () => signalAll("SIGKILL"));

/**
 * For benches and test workers that own no signal handler: on SIGINT/SIGTERM, kill every child and exit 130.
 * Tools with their own graceful shutdown (the local edge) do not call this.
 */
export function stopChildrenOnSignals(): void {
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    process.once(name, () => {
      signalAll("SIGKILL");
      process.exit(130);
    });
  }
}

/** `spawn`, tracked. With `detached: true` the child leads its own process group, stopped as one. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  if (options.detached) groups.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Sends `name` to the child, waits up to `graceMs` for it to exit, then SIGKILLs it. */
export function stopChild(
  child: ChildProcess,
  name: NodeJS.Signals = "SIGTERM",
  graceMs = 5000,
): Promise<void> {
  return new Promise((resolve) => {
    if (!child.pid || !isRunning(child)) return resolve();
    const timer = setTimeout(() => signal(child, "SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    signal(child, name);
  });
}

/** The first line a child prints on stdout (its ready message), with a deadline; rejects if it exits first. */
export function firstLine(child: ChildProcess, what: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited before it was ready (code ${code})`));
    };
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      reject(new Error(`${what} did not report ready within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("exit", onExit);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(buffer.slice(0, newline));
      }
    });
  });
}

export interface Completed {
  /** Exit code; 127 when the command could not start, 1 when killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the child's whole process group after this long (a wedged build must not hang a job). @default none */
  timeoutMs?: number;
}

/** Runs a command to its end in its own process group, collecting stdout and stderr. Never rejects. */
export function runToCompletion(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Completed> {
  return new Promise((resolve) => {
    const child = spawnTracked(command, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stderr += `\ntimed out after ${options.timeoutMs! / 1000} s`;
            signal(child, "SIGKILL");
          }, options.timeoutMs);
    let settled = false;
    const done = (code: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    };
    child.on("error", (error) => {
      stderr += String(error);
      done(127);
    });
    child.on("close", (code) => done(code ?? 1));
  });
}
