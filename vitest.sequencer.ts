import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take far longer than any other (seconds measured on a quiet 2-core machine, whole run).
 * Vitest's own order is by project name, then by the previous run's durations (absent on a fresh CI clone,
 * where it falls back to file size): the recipes file could start late and then run alone at the end.
 */
export const LONGEST_FILES = [
  "test/recipes/recipes.test.ts", // ~75 s: a child vitest over the model-reading suites of a patched copy
  "packages/load/test/smoke.test.ts", // ~16 s: the whole local edge under Artillery
  "workers/edge/test/property.test.ts", // ~15 s: property runs in workerd
];

/** Vitest's order, except that the LONGEST_FILES start first (in that order), so they overlap with the rest. */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index === -1 ? LONGEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: files outside the list keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
