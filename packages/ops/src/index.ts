export { type CloudflarePlan, PURGE_LIMITS, type PurgeLimits, TokenBucket } from "./purge/limits.ts";
export { PurgeInputError, type PurgePlan, type PurgeSelection, planPurge } from "./purge/request.ts";
export { CLOUDFLARE_API, type PurgeOptions, type PurgeReport, runPurge } from "./purge/run.ts";
export { postJson, type RetryOptions, type SendResult } from "./purge/send.ts";
export { type SmokeCheck, smokeChecks } from "./smoke/checks.ts";
export * from "./warm/index.ts";
