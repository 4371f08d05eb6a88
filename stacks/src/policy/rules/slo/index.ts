export { AlarmEvaluationRange } from "./AlarmEvaluationRange.ts";
export { Route53AlarmRegion } from "./Route53AlarmRegion.ts";
export { SLO_MANIFEST, SloAlertsComplete } from "./SloAlertsComplete.ts";
