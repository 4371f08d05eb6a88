export { ALBIngressOpenToWorld } from "./ALBIngressOpenToWorld.ts";
export { CloudflareCacheKeyHeaders } from "./CloudflareCacheKeyHeaders.ts";
export { CloudflareOneEntryPointPerPhase } from "./CloudflareOneEntryPointPerPhase.ts";
export { CloudflarePlanGates } from "./CloudflarePlanGates.ts";
export { CloudflareRouteAfterScript } from "./CloudflareRouteAfterScript.ts";
export { declaredPlan } from "./declared-plan.ts";
