export { type DemoOrigin, type DemoRole, startDemoOrigin } from "./origins.ts";
export { type LocalEdge, type LocalEdgeOptions, type RunningOrigin, startLocalEdge } from "./start.ts";
