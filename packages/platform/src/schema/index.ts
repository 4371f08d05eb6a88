import { PlatformShapeSchema } from "./platform.ts";
import { refinePlatform } from "./refinements.ts";

/** Shape plus cross-field rules: what `resolvePlatform` validates every environment against. */
export const PlatformSchema = PlatformShapeSchema.superRefine(refinePlatform);

export * from "./alarms.ts";
export * from "./alerting.ts";
export * from "./cloudflare.ts";
export * from "./load-balancer.ts";
export * from "./operations.ts";
export * from "./origin-auth.ts";
export * from "./platform.ts";
export * from "./pools.ts";
export * from "./routes.ts";
export * from "./security.ts";
export * from "./slo.ts";
export * from "./tier.ts";
