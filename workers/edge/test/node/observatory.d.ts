// The parts of @mdn/mdn-http-observatory (plain JS, no types) the Observatory test uses.
declare module "@mdn/mdn-http-observatory/src/constants.js" {
  export const ALL_TESTS: ((requests: unknown) => {
    result: string;
    pass: boolean;
    constructor: { name: string };
  })[];
}
declare module "@mdn/mdn-http-observatory/src/grader/charts.js" {
  export const MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
}
declare module "@mdn/mdn-http-observatory/src/grader/grader.js" {
  export function getGradeForScore(score: number): { grade: string };
  export function getScoreModifier(result: string): number;
}
declare module "@mdn/mdn-http-observatory/src/types.js" {
  export class Requests {
    constructor(hostname: string);
    responses: { auto: unknown; https: unknown; http: unknown };
    resources: { path: string | null };
    session: unknown;
  }
}
declare module "@mdn/mdn-http-observatory/src/retriever/utils.js" {
  export function parseHttpEquivHeaders(html: string, baseUrl: string): Map<string, string[]>;
}
