// Public API of the policy rule pack. Keep these signatures stable: every stack calls applyPolicyPack.
export { type ApplyPolicyPackOptions, applyPolicyPack } from "./apply.ts";
export * from "./core.ts";
export { recordProduction } from "./production.ts";
export { MIN_REASON_LENGTH, suppress } from "./suppress.ts";
