import { PlatformConfigError, toProblems } from "./errors.ts";
import { deepFreeze, deepMerge } from "./merge.ts";
import { activeProduct } from "./product/load.ts";
import { nameCollisions, perEnvironmentNames, withDerivedNames } from "./product/names.ts";
import type { EnvironmentOverrides, PlatformConfig } from "./product/types.ts";
import { PlatformSchema, type PlatformShape } from "./schema/index.ts";

/** The resolved, validated, frozen model of one environment: what every renderer reads. */
export type Platform = PlatformShape;

export interface ResolveOptions {
  /** Base configuration. @default the active product's (`EDGE_MODEL`, else examples/shop) */
  config?: PlatformConfig;
  /** Per-environment overrides keyed by name. @default the active product's environments */
  environments?: Record<string, EnvironmentOverrides>;
  /** A last overlay on top of the environment (tests, local runs). @default none */
  overrides?: EnvironmentOverrides;
}

/**
 * Merges the product with one environment's overrides, validates the result and returns it frozen.
 * Throws {@link PlatformConfigError} listing every problem (field path, value, what is allowed).
 */
export function resolvePlatform(environment: string, options: ResolveOptions = {}): Platform {
  const envs: Record<string, EnvironmentOverrides> = options.environments ?? activeProduct.environments;
  const overlay = Object.hasOwn(envs, environment) ? envs[environment] : undefined;
  if (overlay === undefined) {
    throw new PlatformConfigError(environment, [
      { path: "environment", value: environment, message: `must be one of ${Object.keys(envs).join(", ")}` },
    ]);
  }
  const base = options.config ?? activeProduct.product;
  const mergedFor = (name: string, overrides?: EnvironmentOverrides) =>
    withDerivedNames(deepMerge(deepMerge(base, envs[name]), overrides), name);
  const merged = mergedFor(environment, options.overrides);
  // Names that must differ per environment are compared with every other environment's (derived the same way).
  const others = new Map(
    Object.keys(envs)
      .filter((name) => name !== environment)
      .map((name) => [name, perEnvironmentNames(mergedFor(name))] as const),
  );
  const collisions = nameCollisions(environment, merged.name, perEnvironmentNames(merged), others);
  const input = { ...merged, environment };
  const result = PlatformSchema.safeParse(input, { reportInput: true });
  const problems = [...(result.success ? [] : toProblems(input, result.error.issues)), ...collisions];
  if (!result.success || problems.length > 0) throw new PlatformConfigError(environment, problems);
  return deepFreeze(result.data);
}

/** Every configured environment, resolved. Throws on the first invalid one. */
export function resolveAll(options: ResolveOptions = {}): Record<string, Platform> {
  const names = Object.keys(options.environments ?? activeProduct.environments);
  return Object.fromEntries(names.map((name) => [name, resolvePlatform(name, options)]));
}

/** The active product's environment names, in the order it declares them. */
export const ENVIRONMENT_NAMES: readonly string[] = Object.keys(activeProduct.environments);
