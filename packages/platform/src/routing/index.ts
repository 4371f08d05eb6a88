// Zod-free entry: safe to bundle into the edge worker.
export { classifyPath, compileClassifier, DEFAULT_CLASS } from "./classify.ts";
export {
  FINGERPRINT_PATTERN,
  MATCHER_TIER,
  type MatcherKind,
  matcherKind,
  matcherTest,
  orderedRules,
  type RoutingRule,
} from "./matchers.ts";
