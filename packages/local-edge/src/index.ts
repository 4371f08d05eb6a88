export { type DemoOrigin, type DemoRole, startDemoOrigin } from "./origins.ts";
export { freePort, waitFor } from "./ports.ts";
export { type LocalEdge, type LocalEdgeOptions, type RunningOrigin, startLocalEdge } from "./start.ts";
export { type EdgeWorker, type EdgeWorkerOptions, startEdgeWorker } from "./worker.ts";
