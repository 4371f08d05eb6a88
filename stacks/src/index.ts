// Public API of @edge/stacks (cross-layer tests, the plan-review tooling).
export type { BackendOptions } from "./app/backend.ts";
export { type BuildAppOptions, type BuiltStack, buildApp } from "./app/build-app.ts";
export { integerAbove } from "./app/integer-regex.ts";
export { awsName, LAYERS, type Layer, stackName } from "./app/naming.ts";
export { type AlbListenerRule, albListenerRules } from "./aws/alb-routing.ts";
export { ORIGIN_AUTH_VALUE, ORIGIN_AUTH_VARIABLES } from "./aws/origin-lockdown.ts";
export { CDN_METRICS } from "./aws/slo-cdn.ts";
export { targetGroupName } from "./aws/target-groups.ts";
export {
  exclusiveClassExpressions,
  exclusiveClassMatchers,
  matcherExpression,
} from "./cloudflare/expressions.ts";
export { workerRoutePatterns } from "./cloudflare/worker-routes.ts";
export { zoneSettingValues } from "./cloudflare/zone-settings.ts";
