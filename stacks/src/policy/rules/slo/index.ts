export { AlarmEvaluationRange } from "./AlarmEvaluationRange.ts";
export { SLO_MANIFEST, SloAlertsComplete } from "./SloAlertsComplete.ts";
