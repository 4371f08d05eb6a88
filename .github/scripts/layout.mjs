// Where the repository's parts and outputs are, shared by the CI scripts and `pnpm review` (@edge/ci-scripts/layout).
// Plain JavaScript with no imports: CI runs these scripts with the image's Node 20, before any install, and the
// comment job checks out only this folder.

/**
 * Every environment, in the order CI plans and deploys them and reports list them. Mirrors `ENVIRONMENT_NAMES`
 * of @edge/platform (test/workflows checks they agree).
 */
export const ENVIRONMENTS = /** @type {const} */ (["staging", "production"]);

/** The layers of one environment in deploy order. Mirrors `LAYERS` in stacks/src/app/naming.ts (tested). */
export const LAYER_DEPLOY_ORDER = /** @type {const} */ (["cloudflare-edge", "aws-edge", "aws-compute"]);

/**
 * Where a synth leaves its output (cdktf `outdir`, holding manifest.json and `stacks/<stack>/cdk.tf.json`),
 * relative to the repository root: where `pnpm synth` writes (it runs in stacks/), then where CI jobs download
 * the synth job's artifact.
 */
export const SYNTH_OUTPUTS = /** @type {const} */ (["stacks/cdktf.out", "cdktf.out"]);

/**
 * The environment and layer a stack name stands for, or undefined when it is not `<env>-<layer>` with a known layer:
 * the one naming scheme, `stackName` in stacks/src/app/naming.ts (also the folder under `<output>/stacks/`).
 * @param {string} stack
 * @returns {{ env: string; layer: string } | undefined}
 */
export function parseStackName(stack) {
  for (const layer of LAYER_DEPLOY_ORDER) {
    if (stack.endsWith(`-${layer}`) && stack.length > layer.length + 1)
      return { env: stack.slice(0, -layer.length - 1), layer };
  }
  return undefined;
}
