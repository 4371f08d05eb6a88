export { type EdgeWorker, type EdgeWorkerOptions, startEdgeWorker } from "./start-worker.ts";
