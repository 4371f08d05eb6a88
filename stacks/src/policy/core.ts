// cdktf-free entry: evaluate synthesized Terraform JSON (e.g. base and head `cdk.tf.json` in a review).
export { blocksOf, SUPPRESSIONS_KEY } from "./blocks.ts";
export { evaluateOutdir } from "./cli.ts";
export {
  type EvaluateOptions,
  evaluateStack,
  formatFinding,
  formatSuppressed,
  isProductionName,
} from "./evaluate.ts";
export { edgePlatformPack } from "./packs/edge-platform.ts";
export { recordedProduction } from "./production.ts";
export * from "./types.ts";
