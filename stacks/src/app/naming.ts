import type { Platform } from "@edge/platform";

/** The three layers every environment gets, in deploy order. */
export const LAYERS = ["cloudflare-edge", "aws-edge", "aws-compute"] as const;
export type Layer = (typeof LAYERS)[number];

/** Stack name, also the `cdktf.out/stacks/<name>` folder: `<env>-<layer>`, e.g. `production-aws-edge`. */
export const stackName = (env: string, layer: Layer) => `${env}-${layer}`;

/**
 * Name of an AWS resource of one environment: `<product>-<env>-<suffix>`. Names are how the compute stack finds
 * what the edge stack made (data sources), so both must use this one function.
 */
export const awsName = (p: Platform, suffix: string) => `${p.name}-${p.environment}-${suffix}`;

/** Tags on every AWS resource (provider default_tags). */
export const defaultTags = (p: Platform, layer: Layer): Record<string, string> => ({
  Product: p.name,
  Environment: p.environment,
  Layer: layer,
  ManagedBy: "cdktf",
});
