// Throwaway git repositories for the end-to-end tests, plus a way to run the real CLI against them.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "review test",
  GIT_AUTHOR_EMAIL: "review-test@example.invalid",
  GIT_COMMITTER_NAME: "review test",
  GIT_COMMITTER_EMAIL: "review-test@example.invalid",
};

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  /** Commits everything and returns the new commit id. */
  commit(message: string): string;
  write(path: string, text: string): void;
  edit(path: string, change: (text: string) => string): void;
  remove(): void;
}

export function openRepo(dir: string): TestRepo {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: GIT_ENV,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  return {
    dir,
    git,
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    write: (path, text) => writeFileSync(join(dir, path), text),
    edit: (path, change) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), "utf8"))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new repository in a temp dir holding a copy of `template`, with one commit. */
export function repoFromTemplate(template: string): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), "edge-review-"));
  cpSync(template, dir, { recursive: true });
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n.cache/\ncdktf.out/\ndist/\n.wrangler/\n");
  const repo = openRepo(dir);
  repo.git("init", "-q", "-b", "main");
  repo.commit("base");
  return repo;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node src/cli.ts ARGS` in `cwd`, as `pnpm review` would. */
export function runCli(cwd: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env["INIT_CWD"];
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The `- \`address\`` and `  - \`path\`: old → new` lines of the Stacks section, grouped under `### stack`. */
export function stackLines(report: string): string[] {
  const section = report.split("\n## Stacks\n")[1]?.split("\n## Policy\n")[0] ?? "";
  return section.split("\n").filter((line) => /^(### |\*\*|- |\s+- |Unchanged)/.test(line));
}

export function section(report: string, title: string): string {
  const start = report.indexOf(`\n## ${title}\n`);
  if (start < 0) return "";
  const rest = report.slice(start + title.length + 5);
  const end = rest.indexOf("\n## ");
  return end < 0 ? rest : rest.slice(0, end);
}
