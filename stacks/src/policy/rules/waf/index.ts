export { WAFv2AlbAssociated } from "./WAFv2AlbAssociated.ts";
export { WAFv2CommonRuleSet } from "./WAFv2CommonRuleSet.ts";
export { WAFv2ForwardedClientIp } from "./WAFv2ForwardedClientIp.ts";
export { WAFv2Log4jProtection } from "./WAFv2Log4jProtection.ts";
export { WAFv2LoggingConfigured } from "./WAFv2LoggingConfigured.ts";
export { WAFv2RateBasedRule } from "./WAFv2RateBasedRule.ts";
export { WAFv2VisibilityMetrics } from "./WAFv2VisibilityMetrics.ts";
