export { freePorts, portOpen, waitFor } from "./ports.ts";
export {
  type Completed,
  firstLine,
  isRunning,
  type RunOptions,
  runToCompletion,
  signalAll,
  spawnTracked,
  stopChild,
  stopChildrenOnSignals,
} from "./processes.ts";
