import { describe, expect, it } from "vitest";
import {
  firstLine,
  freePorts,
  isRunning,
  portOpen,
  runToCompletion,
  spawnTracked,
  stopChild,
  waitFor,
} from "../src/index.ts";

const node = process.execPath;

describe("freePorts", () => {
  it("gives distinct ports that are free once returned", async () => {
    const ports = await freePorts(8);
    expect(new Set(ports).size).toBe(8);
    for (const port of ports) expect(await portOpen(port)).toBe(false);
  });
});

describe("child processes", () => {
  it("reads a child's ready line and stops it by PID", async () => {
    const child = spawnTracked(node, ["-e", 'console.log("ready 1"); setInterval(() => {}, 1000)'], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    expect(await firstLine(child, "sleeper")).toBe("ready 1");
    expect(isRunning(child)).toBe(true);
    await stopChild(child);
    expect(isRunning(child)).toBe(false);
  });

  it("rejects with the child's name when it exits before its ready line", async () => {
    const child = spawnTracked(node, ["-e", "process.exit(3)"], { stdio: ["ignore", "pipe", "inherit"] });
    await expect(firstLine(child, "quitter")).rejects.toThrow(
      /quitter exited before it was ready \(code 3\)/,
    );
  });

  it("runs a command to completion with its output and exit code", async () => {
    const done = await runToCompletion(node, [
      "-e",
      'console.log("out"); console.error("err"); process.exit(4)',
    ]);
    expect(done).toEqual({ code: 4, stdout: "out\n", stderr: "err\n", timedOut: false });
    expect((await runToCompletion("/nonexistent/command", [])).code).toBe(127);
  });

  it("kills the whole process group on timeout, grandchildren included", async () => {
    // The child starts a grandchild that prints its PID and would live for a minute.
    const script = `
      const { spawn } = require("node:child_process");
      const g = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
      console.log(g.pid);
      setTimeout(() => {}, 60000);`;
    const done = await runToCompletion(node, ["-e", script], { timeoutMs: 1500 });
    expect(done.timedOut).toBe(true);
    const grandchild = Number(done.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    // The group got SIGKILL; the orphaned grandchild is reaped by init shortly after (bounded poll, no sleep).
    const alive = () => {
      try {
        process.kill(grandchild, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor("the grandchild to be gone", async () => !alive(), 10_000);
  });
});
