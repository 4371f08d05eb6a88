export * from "./cloudflare/plans.ts";
export { defaultConfig, type PlatformConfig } from "./config/defaults.ts";
export {
  ENVIRONMENT_NAMES,
  type EnvironmentName,
  type EnvironmentOverrides,
  environments,
} from "./config/environments.ts";
export { type ConfigProblem, PlatformConfigError } from "./errors.ts";
export * from "./headers/index.ts";
export { type DeepPartial, deepFreeze, deepMerge } from "./merge.ts";
export { type Platform, type ResolveOptions, resolveAll, resolvePlatform } from "./resolve.ts";
export * from "./routing/index.ts";
export * from "./schema/index.ts";
export { summarize } from "./summary.ts";
