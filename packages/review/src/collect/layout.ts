// Where the other parts of the repository live and how they are run: the interfaces the review builds against.
import { ENVIRONMENTS, SYNTH_OUTPUTS as OUTPUT_DIRS } from "@edge/ci-scripts/layout";

/** Root script that synthesizes every stack into `cdktf.out/stacks/<stack>/cdk.tf.json`. */
export const SYNTH_SCRIPT = "synth";
/** Used when the root has no synth script: the cdktf app itself, run with plain node. */
export const SYNTH_ENTRY = "stacks/src/main.ts";
/** Where a synth may leave its stacks: `<output>/stacks/<stack>/cdk.tf.json`, in the CI scripts' order. */
export const SYNTH_OUTPUTS = OUTPUT_DIRS.map((dir) => `${dir}/stacks`);
/** Environments assumed when the tree's model cannot be asked (e.g. it predates `ENVIRONMENT_NAMES`). */
export const FALLBACK_ENVIRONMENTS: string[] = [...ENVIRONMENTS];
/** Exports `evaluateStack(stackJson, { stackName }) → { findings, suppressed }`. */
export const POLICY_ENTRY = "stacks/src/policy/index.ts";
/** Exports `ENVIRONMENT_NAMES`. */
export const PLATFORM_ENTRY = "packages/platform/src/index.ts";
/** Root script: `nginx:render --env NAME --out DIR` writes `DIR/<env>/nginx.conf` and snippets. */
export const NGINX_SCRIPT = "nginx:render";
/** The edge worker package and its build script (`wrangler deploy --dry-run --outdir dist`). */
export const WORKER_DIR = "workers/edge";
export const WORKER_SCRIPT = "build";
export const WORKER_DIST = "dist";
/** Scratch output of the review inside each tree (the tree itself is temporary). */
export const REVIEW_OUT = ".review-out";
/** The policy the worker build compiles from the model (per environment), relative to WORKER_DIR. */
export const WORKER_POLICY = "src/generated/policy.generated.json";
/** Delivery files the review diffs as text: how each environment is deployed. */
export const DELIVERY_DIRS = [".github/workflows"] as const;
export const DELIVERY_FILES = [
  "workers/edge/wrangler.jsonc",
  "workers/edge/wrangler.toml",
  "workers/edge/wrangler.json",
] as const;
