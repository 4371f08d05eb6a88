// Builds everything the report needs from ONE checked-out tree: synth + policy, NGINX per environment, worker.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { TerraformJson } from "../diff/stacks.ts";
import type {
  BundleFile,
  NginxFiles,
  PolicyResult,
  Section,
  WorkerBundle,
  WorkerPolicyEnv,
} from "../types.ts";
import {
  DELIVERY_DIRS,
  DELIVERY_FILES,
  FALLBACK_ENVIRONMENTS,
  NGINX_SCRIPT,
  PLATFORM_ENTRY,
  POLICY_ENTRY,
  REVIEW_OUT,
  SYNTH_ENTRY,
  SYNTH_OUTPUTS,
  SYNTH_SCRIPT,
  WORKER_DIR,
  WORKER_DIST,
  WORKER_POLICY,
  WORKER_SCRIPT,
} from "./layout.ts";
import { normalizePolicy } from "./normalize-policy.ts";
import { failureReason, PRIORITY, readScripts, run, runScript } from "./run.ts";

const PROBE = fileURLToPath(new URL("./probe.ts", import.meta.url));

export interface SideParts {
  stacks: Section<Record<string, TerraformJson>>;
  policy: Section<PolicyResult>;
  nginx: Section<Record<string, Section<NginxFiles>>>;
  worker: Section<WorkerBundle>;
  workerPolicy: Section<Record<string, WorkerPolicyEnv>>;
  delivery: Record<string, string>;
}

/** Runs the three independent pipelines of a tree concurrently. */
export async function collectSide(tree: string): Promise<SideParts> {
  const [{ stacks, policy }, nginx, worker] = await Promise.all([
    collectStacks(tree),
    collectNginx(tree),
    collectWorker(tree),
  ]);
  // After the worker build, which compiles the policy from the tree's model.
  return {
    stacks,
    policy,
    nginx,
    worker,
    workerPolicy: readWorkerPolicy(tree),
    delivery: readDelivery(tree),
  };
}

async function collectStacks(tree: string): Promise<Pick<SideParts, "stacks" | "policy">> {
  const scripts = readScripts(tree) ?? {};
  let result: Awaited<ReturnType<typeof run>>;
  if (scripts[SYNTH_SCRIPT] !== undefined) {
    result = await runScript(tree, SYNTH_SCRIPT, [], tree, PRIORITY.synth);
  } else if (existsSync(join(tree, SYNTH_ENTRY))) {
    result = await run(process.execPath, [SYNTH_ENTRY], tree, tree, PRIORITY.synth);
  } else {
    const reason = `no \`${SYNTH_SCRIPT}\` script and no ${SYNTH_ENTRY}`;
    return { stacks: { status: "missing", reason }, policy: { status: "missing", reason } };
  }
  if (result.code !== 0) {
    const error = `synth: ${failureReason(result)}`;
    return { stacks: { status: "failed", error }, policy: { status: "missing", reason: "synth failed" } };
  }
  const outDir = SYNTH_OUTPUTS.map((dir) => join(tree, dir)).find((dir) => existsSync(dir));
  if (!outDir) {
    const error = `synth wrote no ${SYNTH_OUTPUTS[0]}/<stack>/cdk.tf.json`;
    return { stacks: { status: "failed", error }, policy: { status: "missing", reason: "synth failed" } };
  }
  const stacks: Record<string, TerraformJson> = {};
  for (const name of readdirSync(outDir).sort()) {
    const file = join(outDir, name, "cdk.tf.json");
    if (existsSync(file)) stacks[name] = JSON.parse(readFileSync(file, "utf8")) as TerraformJson;
  }
  return { stacks: { status: "ok", value: stacks }, policy: await collectPolicy(tree, outDir) };
}

async function collectPolicy(tree: string, stacksDir: string): Promise<Section<PolicyResult>> {
  if (!existsSync(join(tree, POLICY_ENTRY))) return { status: "missing", reason: `no ${POLICY_ENTRY}` };
  const result = await run(process.execPath, [PROBE, "policy", tree, stacksDir], tree, tree, PRIORITY.probe);
  if (result.code !== 0) return { status: "failed", error: `policy: ${failureReason(result)}` };
  return { status: "ok", value: normalizePolicy(JSON.parse(result.stdout) as Record<string, unknown>) };
}

async function environmentsOf(tree: string): Promise<string[]> {
  if (!existsSync(join(tree, PLATFORM_ENTRY))) return FALLBACK_ENVIRONMENTS;
  const result = await run(process.execPath, [PROBE, "environments", tree], tree, tree, PRIORITY.probe);
  if (result.code !== 0) return FALLBACK_ENVIRONMENTS;
  const names = JSON.parse(result.stdout) as unknown;
  return Array.isArray(names) && names.length > 0 ? names.map(String) : FALLBACK_ENVIRONMENTS;
}

async function collectNginx(tree: string): Promise<Section<Record<string, Section<NginxFiles>>>> {
  if (readScripts(tree)?.[NGINX_SCRIPT] === undefined) {
    return { status: "missing", reason: `no \`${NGINX_SCRIPT}\` script` };
  }
  const outDir = join(tree, REVIEW_OUT, "nginx");
  const environments = await environmentsOf(tree);
  const rendered = await Promise.all(
    environments.map(async (env): Promise<[string, Section<NginxFiles>]> => {
      const result = await runScript(tree, NGINX_SCRIPT, ["--env", env, "--out", outDir], tree);
      if (result.code !== 0)
        return [env, { status: "failed", error: `nginx:render: ${failureReason(result)}` }];
      const envDir = join(outDir, env);
      if (!existsSync(envDir))
        return [env, { status: "failed", error: `nginx:render wrote nothing to <out>/${env}` }];
      return [env, { status: "ok", value: readTextFiles(envDir) }];
    }),
  );
  return { status: "ok", value: Object.fromEntries(rendered) };
}

/** Every file under `dir`, keyed by its path relative to `dir`. */
export function readTextFiles(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

async function collectWorker(tree: string): Promise<Section<WorkerBundle>> {
  const workerDir = join(tree, WORKER_DIR);
  if (readScripts(workerDir)?.[WORKER_SCRIPT] === undefined) {
    return { status: "missing", reason: `no \`${WORKER_SCRIPT}\` script in ${WORKER_DIR}` };
  }
  const result = await runScript(workerDir, WORKER_SCRIPT, [], tree);
  if (result.code !== 0) return { status: "failed", error: `worker build: ${failureReason(result)}` };
  const dist = join(workerDir, WORKER_DIST);
  const bundle = existsSync(dist) ? measureBundle(dist) : undefined;
  if (!bundle || bundle.files.length === 0) {
    return { status: "failed", error: `worker build left no modules in ${WORKER_DIR}/${WORKER_DIST}` };
  }
  return { status: "ok", value: bundle };
}

/** Uploaded module types; source maps, READMEs and metadata are not part of the deployed size. */
const MODULE_FILE = /\.(m?js|cjs|wasm|bin|txt|html)$/;

/** Size of a wrangler `--outdir` bundle: bytes and gzip (default level, as wrangler reports it) per module. */
export function measureBundle(dist: string): WorkerBundle {
  const files: BundleFile[] = [];
  for (const name of listFiles(dist)) {
    if (!MODULE_FILE.test(name)) continue;
    const bytes = readFileSync(join(dist, name));
    files.push({ name, bytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

/** Paths of every file under `dir`, relative to it with POSIX separators, sorted. */
export function listFiles(dir: string): string[] {
  const names: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) names.push(relative(dir, path).split("\\").join("/"));
    }
  };
  visit(dir);
  return names.sort();
}

/** The worker's compiled policy, if its build wrote one (older trees may not have it). */
function readWorkerPolicy(tree: string): Section<Record<string, WorkerPolicyEnv>> {
  const file = join(tree, WORKER_DIR, WORKER_POLICY);
  if (!existsSync(file)) return { status: "missing", reason: `no ${WORKER_DIR}/${WORKER_POLICY}` };
  try {
    return { status: "ok", value: JSON.parse(readFileSync(file, "utf8")) as Record<string, WorkerPolicyEnv> };
  } catch (error) {
    return { status: "failed", error: `${WORKER_POLICY}: ${(error as Error).message}` };
  }
}

/** The workflow files and the wrangler configuration, keyed by repository path. */
function readDelivery(tree: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of DELIVERY_DIRS) {
    if (!existsSync(join(tree, dir))) continue;
    for (const name of listFiles(join(tree, dir)))
      files[`${dir}/${name}`] = readFileSync(join(tree, dir, name), "utf8");
  }
  for (const path of DELIVERY_FILES) {
    if (existsSync(join(tree, path))) files[path] = readFileSync(join(tree, path), "utf8");
  }
  return files;
}
