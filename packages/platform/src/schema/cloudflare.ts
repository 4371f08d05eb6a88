import { z } from "zod";
import {
  CLOUDFLARE_PLANS,
  MANAGED_RULESET_NAMES,
  MANAGED_RULESETS,
  PLAN_GATES,
  planHas,
} from "../cloudflare/plans.ts";
import { hostname } from "./primitives.ts";

/** Defaults of the `cloudflare` section (read by the schema's `.default()` calls). */
export const CLOUDFLARE_DEFAULTS = {
  plan: "business",
  zoneName: "example.com",
  ownsZone: true,
  managedRulesets: "all-available",
} as const;

/**
 * The Cloudflare zone an environment lives in and what its plan allows. Renderers emit only what the plan
 * accepts and fall back where a plan lacks a feature (README "Plans"); a model that explicitly asks for a
 * feature its plan lacks is refused here with the field, the plan and the lowest plan that has it.
 */
export const CloudflareSchema = z
  .strictObject({
    plan: z
      .enum(CLOUDFLARE_PLANS, { error: `must be one of ${CLOUDFLARE_PLANS.join(", ")}` })
      .default(CLOUDFLARE_DEFAULTS.plan)
      .describe(
        "The zone's Cloudflare plan: decides which rules, operators and limits the stacks may render.",
      ),
    zoneName: hostname()
      .default(CLOUDFLARE_DEFAULTS.zoneName)
      .describe(
        "The Cloudflare zone (apex) holding zone.domain and zone.cdnHost. Environments may share one zone " +
          "(staging.example.com inside example.com); the stack looks the zone id up by this name.",
      ),
    ownsZone: z
      .boolean()
      .default(CLOUDFLARE_DEFAULTS.ownsZone)
      .describe(
        "Whether this environment's stack owns the zone-wide objects: zone settings and the one entry-point " +
          "ruleset per phase, holding the rules of every environment in the zone scoped by host. Exactly one " +
          "environment per zone owns it; the others deploy only their worker routes.",
      ),
    managedRulesets: z
      .union([
        z.literal("all-available"),
        z.array(
          z.enum(MANAGED_RULESET_NAMES, { error: `must be one of ${MANAGED_RULESET_NAMES.join(", ")}` }),
        ),
      ])
      .default(CLOUDFLARE_DEFAULTS.managedRulesets)
      .describe(
        'Cloudflare-managed WAF rulesets deployed in http_request_firewall_managed: "all-available" deploys ' +
          "every one the plan has (Free has only the always-on Free Managed Ruleset); an explicit list must " +
          "fit the plan.",
      ),
  })
  .superRefine((c, ctx) => {
    if (c.managedRulesets === "all-available") return;
    c.managedRulesets.forEach((name, index) => {
      const gate = PLAN_GATES[MANAGED_RULESETS[name].gate];
      if (!planHas(c.plan, MANAGED_RULESETS[name].gate)) {
        ctx.addIssue({
          code: "custom",
          path: ["managedRulesets", index],
          input: name,
          message: `${gate.what} needs the ${gate.lowestPlan} plan or higher; cloudflare.plan is ${c.plan} (${gate.source})`,
        });
      }
    });
  })
  .describe("Cloudflare zone, plan and managed protection.");
export type CloudflareSection = z.infer<typeof CloudflareSchema>;

/** Which managed rulesets an environment deploys on its plan. */
export function managedRulesetsOf(c: CloudflareSection): (typeof MANAGED_RULESET_NAMES)[number][] {
  return c.managedRulesets === "all-available"
    ? MANAGED_RULESET_NAMES.filter((name) => planHas(c.plan, MANAGED_RULESETS[name].gate))
    : [...c.managedRulesets];
}
