export { diffStack, diffStacks, type StackDiff, type TerraformJson } from "./diff/stacks.ts";
export { diffLines, diffStat, unifiedDiff } from "./diff/unified.ts";
export { type AttributeChange, diffValues, formatChange } from "./diff/values.ts";
export { DEFAULT_LIMITS, REPORT_MARKER, type ReportLimits, renderReport } from "./report/index.ts";
export { type ReviewOptions, type ReviewResult, review } from "./review.ts";
export type * from "./types.ts";
