import type { DeepPartial } from "../merge.ts";
import type { PlatformInput } from "../schema/index.ts";

type PoolInput = PlatformInput["pools"][string];
type QueueDepthInput = NonNullable<PoolInput["scaling"]["queueDepth"]>;

/** A pool as a product writes it: its queue name may be left unset, to be derived per environment. */
export type ProductPool = Omit<PoolInput, "scaling"> & {
  scaling: Omit<PoolInput["scaling"], "queueDepth"> & {
    queueDepth: (Omit<QueueDepthInput, "queueName"> & { queueName?: string }) | null;
  };
};

/**
 * A product's whole configuration before environments: every tunable number of the platform, once. Names that
 * must differ per environment (src/product/names.ts) may be left unset: each environment derives its own.
 */
export type PlatformConfig = Omit<PlatformInput, "environment" | "pools" | "edge"> & {
  pools: Record<string, ProductPool>;
  edge: Omit<PlatformInput["edge"], "scriptName"> & { scriptName?: string };
};

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
