import type { Scaling } from "../schema/index.ts";

/** Scaling numbers shared by every pool unless the pool overrides them: mixed spot/on-demand, CPU+memory steps. */
export const defaultScaling = {
  instanceTypes: ["c6i.large", "c6a.large", "c7i.large", "m6i.large"],
  minSize: 2,
  maxSize: 12,
  desiredCapacity: 2,
  onDemandBaseCapacity: 1,
  onDemandPercentageAboveBase: 40,
  spotAllocationStrategy: "price-capacity-optimized",
  capacityRebalance: true,
  rootVolumeGiB: 30,
  instanceWarmupSeconds: 180,
  cpu: {
    scaleOut: { threshold: 70, forMinutes: 2, adjustment: 2 },
    scaleIn: { threshold: 25, forMinutes: 5, adjustment: -1 },
  },
  memory: {
    scaleOut: { threshold: 80, forMinutes: 3, adjustment: 1 },
    scaleIn: { threshold: 40, forMinutes: 5, adjustment: -1 },
  },
  queueDepth: null,
  requestsPerSecondPerInstance: 500,
  schedule: {
    scaleUpCron: "0 8 * * MON-FRI",
    scaleDownCron: "0 20 * * MON-FRI",
    timeZone: "Etc/UTC",
    extraInstances: 2,
  },
  predictive: { mode: "ForecastAndScale", targetCpuPercent: 50, schedulingBufferSeconds: 600 },
} satisfies Scaling;
