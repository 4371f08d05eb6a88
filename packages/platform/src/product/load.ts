// No node: imports: the worker type-checks this file through `import type` (workers types, no Node).
import * as shop from "../../examples/shop/index.ts";
import type { ProductModule } from "./types.ts";

/** Environment variable naming the product module to use instead of the example shop (an absolute path). */
export const EDGE_MODEL_VARIABLE = "EDGE_MODEL";

/** Loads a product module and checks it exports what the resolver needs; the message names the file. */
export async function loadProduct(path: string): Promise<ProductModule> {
  if (!path.startsWith("/")) {
    throw new Error(`${EDGE_MODEL_VARIABLE}=${path}: must be an absolute path to a product module`);
  }
  const loaded = (await import(new URL(`file://${encodeURI(path)}`).href)) as Partial<ProductModule>;
  const missing = (["product", "environments"] as const).filter(
    (name) => typeof loaded[name] !== "object" || loaded[name] === null,
  );
  if (missing.length > 0) {
    throw new Error(
      `${EDGE_MODEL_VARIABLE}=${path}: the module must export ${missing.join(" and ")} (see examples/shop/index.ts)`,
    );
  }
  return loaded as ProductModule;
}

type WithEnv = { process?: { env?: Record<string, string | undefined> } };
const fromEnvironment = (globalThis as WithEnv).process?.env?.[EDGE_MODEL_VARIABLE];

/** The product every renderer reads: the module EDGE_MODEL names, else the example shop. */
export const activeProduct: ProductModule = fromEnvironment
  ? await loadProduct(fromEnvironment)
  : { product: shop.product, environments: shop.environments };
