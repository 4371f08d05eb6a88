export { chartSvg } from "./chart.ts";
export { processorSource } from "./processor.ts";
export { type ArtilleryOutput, type Breach, type LoadSummary, summarize, toMarkdown } from "./report.ts";
export { type LoadOptions, type LoadRun, runLoad } from "./run.ts";
export { type ArtilleryScript, renderScenario, SCENARIOS, type ScenarioName } from "./scenario.ts";
export { type ClassThresholds, ThresholdError, thresholdsFor } from "./thresholds.ts";
