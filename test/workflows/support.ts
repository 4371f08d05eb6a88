// Reading the repository's GitHub workflows and composite actions for the workflow tests.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const workflowsDir = join(repoRoot, ".github/workflows");
export const actionsDir = join(repoRoot, ".github/actions");

export type Step = {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  "working-directory"?: string;
};

export type Job = {
  name?: string;
  needs?: string | string[];
  if?: string;
  "runs-on": string;
  container?: string;
  "timeout-minutes"?: number;
  environment?: string | { name: string; url?: string };
  concurrency?: string | { group: string; "cancel-in-progress"?: boolean | string };
  permissions?: Record<string, string> | string;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps: Step[];
};

export type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean | string };
  jobs: Record<string, Job>;
};

export type Action = { name: string; runs: { using: string; steps: Step[] } };

export type SourceFile = { path: string; file: string; text: string };

function yamlFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { path: relative(repoRoot, file), file, text: readFileSync(file, "utf8") };
    });
}

export const workflowFiles = (): SourceFile[] => yamlFiles(workflowsDir);
export const actionFiles = (): SourceFile[] =>
  yamlFiles(actionsDir).filter((f) => /action\.ya?ml$/.test(f.path));

export const readWorkflow = (name: string): Workflow =>
  parse(readFileSync(join(workflowsDir, name), "utf8")) as Workflow;

/** Every step of every job, with where it is, for assertions across files. */
export function allSteps(): { path: string; job: string; step: Step }[] {
  const fromWorkflows = workflowFiles().flatMap(({ path, text }) =>
    Object.entries((parse(text) as Workflow).jobs).flatMap(([job, body]) =>
      body.steps.map((step) => ({ path, job, step })),
    ),
  );
  const fromActions = actionFiles().flatMap(({ path, text }) =>
    (parse(text) as Action).runs.steps.map((step) => ({ path, job: "(composite)", step })),
  );
  return [...fromWorkflows, ...fromActions];
}

export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());

/** `uses:` lines that are neither a local `./` action nor `owner/repo[/path]@<40-hex sha> # vX.Y.Z`. */
export function unpinnedUses(text: string, path = "inline"): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ where: `${path}:${index + 1}`, line }))
    .filter(({ line }) => /^\s*(?:-\s+)?uses:/.test(line))
    .filter(({ line }) => !/uses:\s*\.\//.test(line))
    .filter(({ line }) => !/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/.test(line))
    .map(({ where, line }) => `${where} ${line.trim()}`);
}

/**
 * The value a matrix expression of the shape `matrix.environment == 'a' && secrets.X || … || ''` gives for one
 * environment and a set of secrets (GitHub's `&&`/`||` return operands; an empty string is falsy).
 */
export function evaluateMatrixPick(expression: string, env: string, secrets: Record<string, string>): string {
  const body = /^\$\{\{ (.*) \}\}$/.exec(expression)?.[1];
  if (!body) throw new Error(`not an expression: ${expression}`);
  for (const clause of body.split(" || ")) {
    if (clause === "''") return "";
    const m = /^matrix\.environment == '([\w-]+)' && secrets\.(\w+)$/.exec(clause);
    if (!m) throw new Error(`unexpected clause: ${clause}`);
    if (m[1] === env && (secrets[m[2]!] ?? "") !== "") return secrets[m[2]!]!;
  }
  throw new Error("the expression has no final || ''");
}
