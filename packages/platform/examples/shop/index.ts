// A product module: what EDGE_MODEL may name instead of this one (see packages/platform/README.md).
export { environments } from "./environments.ts";
export { product } from "./product.ts";
