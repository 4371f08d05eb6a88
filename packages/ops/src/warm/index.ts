export { progressBar } from "./progress.ts";
export {
  formatWarmReport,
  outcomeOf,
  runWarm,
  type WarmOptions,
  type WarmOutcome,
  type WarmReport,
} from "./run.ts";
export { acceptHeaders, modelPaths, sitemapPaths, type WarmTarget, warmTargets } from "./targets.ts";
