import { z } from "zod";

/**
 * How strictly an environment is held. `production`: the stacks' policy pack treats production-only rules as
 * errors (deletion protection, Multi-AZ, ... — stacks/RULES.md "error in production"); `non-production`: those
 * rules only warn. Read from the model, never guessed from the environment's name (`prod`, `live` are production
 * too).
 */
export const TIERS = ["production", "non-production"] as const;
export type Tier = (typeof TIERS)[number];

/** Unset means production: a guess that relaxes the checks of a real production environment is the costly one. */
export const DEFAULT_TIER: Tier = "production";

export const TierSchema = z
  .enum(TIERS, { error: `must be one of ${TIERS.join(", ")}` })
  .default(DEFAULT_TIER)
  .describe(
    "production: the stacks' production-only policy rules fail synth; non-production: they warn. Unset means production (strict); set non-production in staging, preview and other throwaway environments.",
  );

/** Whether the stacks hold this environment to the production rules. */
export const isProductionTier = (platform: { readonly tier: Tier }): boolean =>
  platform.tier === "production";
