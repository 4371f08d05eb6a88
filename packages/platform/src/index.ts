export * from "./cloudflare/plans.ts";
export * from "./define.ts";
export { type ConfigProblem, PlatformConfigError } from "./errors.ts";
export * from "./headers/index.ts";
export { type DeepPartial, deepFreeze, deepMerge } from "./merge.ts";
export { activeProduct, EDGE_MODEL_VARIABLE, loadProduct } from "./product/load.ts";
export {
  ENVIRONMENT_NAMES,
  type Platform,
  type ResolveOptions,
  resolveAll,
  resolvePlatform,
} from "./resolve.ts";
export * from "./routing/index.ts";
export * from "./schema/index.ts";
export { summarize } from "./summary.ts";
