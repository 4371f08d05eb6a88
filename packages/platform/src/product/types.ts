import type { DeepPartial } from "../merge.ts";
import type { PlatformInput } from "../schema/index.ts";

/** A product's whole configuration before environments: every tunable number of the platform, once. */
export type PlatformConfig = Omit<PlatformInput, "environment">;

/** What a product must say itself: nothing in the platform's defaults can guess these. */
type ProductOwned = "name" | "origin" | "routeClasses" | "defaultPool" | "pools" | "slo" | "alerting";

/** The product-independent part of the model (src/defaults): everything but the product's own fields. */
export type PlatformDefaults = Omit<PlatformConfig, ProductOwned | "zone" | "edge"> & {
  zone: Omit<PlatformConfig["zone"], "domain" | "cdnHost">;
  edge: Omit<PlatformConfig["edge"], "scriptName">;
};

/** What a product module declares: its own fields, plus any default it changes. */
export type ProductConfig = DeepPartial<PlatformConfig> &
  Pick<PlatformConfig, ProductOwned> & {
    zone: DeepPartial<PlatformConfig["zone"]> & Pick<PlatformConfig["zone"], "domain" | "cdnHost">;
  };

/** What an environment changes relative to the product. Objects merge; arrays and scalars replace. */
export type EnvironmentOverrides = DeepPartial<PlatformConfig>;

/**
 * A product module (examples/shop, or the file named by EDGE_MODEL) exports these two.
 * `product` is the merged configuration (`defineProduct(...)`), `environments` the overrides by name.
 */
export interface ProductModule {
  product: PlatformConfig;
  environments: Record<string, EnvironmentOverrides>;
}
