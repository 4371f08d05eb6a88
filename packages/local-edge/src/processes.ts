import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

/** Every child this process started, so an unexpected exit still kills them (by PID, only ours). */
const children = new Set<ChildProcess>();
export const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

process.once("exit", () => {
  for (const child of children) if (child.pid && isRunning(child)) process.kill(child.pid, "SIGKILL");
});

export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Sends `signal` to the child by PID, waits up to `graceMs`, then SIGKILLs it. */
export function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = "SIGTERM",
  graceMs = 5000,
): Promise<void> {
  return new Promise((resolve) => {
    if (!child.pid || !isRunning(child)) return resolve();
    const timer = setTimeout(() => {
      if (child.pid && isRunning(child)) process.kill(child.pid, "SIGKILL");
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(child.pid, signal);
  });
}

/** Reads the first line a child prints on stdout (its ready message), with a deadline. */
export function firstLine(child: ChildProcess, what: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () => reject(new Error(`${what} did not report ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited early (code ${code})`));
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, newline));
      }
    });
  });
}
