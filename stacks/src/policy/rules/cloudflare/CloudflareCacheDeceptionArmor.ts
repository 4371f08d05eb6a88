import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isResource, isTrue, nested, nonCompliant } from "../util.ts";

/**
 * Cache rules that make responses eligible for caching turn on cache deception armor, so
 * `/account.php/nothing.jpg` is not cached as an image when the origin answers with HTML.
 */
export const CloudflareCacheDeceptionArmor: PolicyRule = {
  name: "CloudflareCacheDeceptionArmor",
  check(block) {
    if (!isResource(block, "cloudflare_ruleset") || block.config.phase !== "http_request_cache_settings") {
      return Compliance.NOT_APPLICABLE;
    }
    const unarmored = asList(block.config.rules).filter((rule) => {
      const params = nested(rule.action_parameters);
      if (rule.action !== "set_cache_settings" || !isTrue(params.cache)) return false;
      return !isTrue(nested(params.cache_key).cache_deception_armor);
    });
    if (unarmored.length === 0) return Compliance.COMPLIANT;
    return nonCompliant(
      `rules without armor: ${unarmored.map((r) => String(r.description ?? r.ref)).join(", ")}`,
    );
  },
};
