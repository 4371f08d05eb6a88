import { platformDefaults } from "../defaults/index.ts";
import { deepMerge } from "../merge.ts";
import type { EnvironmentOverrides, PlatformConfig, ProductConfig } from "./types.ts";

/** The platform's defaults with a product's own fields and overrides merged on top (objects merge). */
export function defineProduct(product: ProductConfig): PlatformConfig {
  return deepMerge(platformDefaults as unknown as PlatformConfig, product);
}

/** Types the environments of a product (identity at runtime; keeps their keys for autocompletion). */
export const defineEnvironments = <T extends Record<string, EnvironmentOverrides>>(environments: T): T =>
  environments;
