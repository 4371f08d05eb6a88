// A runnable copy of a checkout (its files, its own workspace packages, the checkout's installed dependencies):
// what the review builds in, and what test/recipes applies the guide's recipes to.
export { linkNodeModules } from "./collect/link-node-modules.ts";
export { snapshotWorkingTree } from "./collect/trees.ts";
export { diffStack, diffStacks, type StackDiff, type TerraformJson } from "./diff/stacks.ts";
export { diffLines, diffStat, unifiedDiff } from "./diff/unified.ts";
export { type AttributeChange, diffValues, formatChange } from "./diff/values.ts";
export { DEFAULT_LIMITS, REPORT_MARKER, type ReportLimits, renderReport } from "./report/index.ts";
export { type ReviewOptions, type ReviewResult, review } from "./review.ts";
export type * from "./types.ts";
