import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nonCompliant } from "../util.ts";

/**
 * A worker route depends on a lookup of its script (`data.cloudflare_workers_script` with the same name): the
 * routes API refuses a route to a script that does not exist (error 10019), so an apply before `wrangler deploy`
 * fails at the lookup — before any route changes — instead of half-way. Sources: developers.cloudflare.com/api
 * (Workers Routes: "Worker not found", code 10019); provider internal/services/workers_route/schema.go (`script`
 * is a plain name, nothing orders it after the script).
 */
export const CloudflareRouteAfterScript: PolicyRule = {
  name: "CloudflareRouteAfterScript",
  check(block, stack) {
    if (!isResource(block, "cloudflare_workers_route")) return Compliance.NOT_APPLICABLE;
    const script = block.config.script;
    if (typeof script !== "string" || script === "") return nonCompliant("the route names no script");
    const dependsOn = Array.isArray(block.config.depends_on) ? block.config.depends_on.map(String) : [];
    const guarded = stack.blocks.some(
      (b) =>
        b.kind === "data" &&
        b.type === "cloudflare_workers_script" &&
        b.config.script_name === script &&
        dependsOn.includes(b.address),
    );
    return guarded
      ? Compliance.COMPLIANT
      : nonCompliant(`no depends_on a data.cloudflare_workers_script lookup of ${script}`);
  },
};
