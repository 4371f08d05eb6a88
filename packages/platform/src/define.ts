// What a product module imports (examples/shop, or the module EDGE_MODEL names): the defaults, presets, units
// and the helpers to combine them. Never imports the active product, so a product module can import it freely.
export * from "./defaults/index.ts";
export type { DeepPartial } from "./merge.ts";
export { defineEnvironments, defineProduct } from "./product/define.ts";
export type {
  EnvironmentOverrides,
  PlatformConfig,
  PlatformDefaults,
  ProductConfig,
  ProductModule,
} from "./product/types.ts";
