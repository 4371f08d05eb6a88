export { AlarmMetricProducer } from "./AlarmMetricProducer.ts";
export { AlarmPublishedMetric } from "./AlarmPublishedMetric.ts";
