import { cacheKeyHeaderRefused } from "@edge/platform/cloudflare-plans";
import { Compliance, type PolicyRule } from "../../types.ts";
import { asList, isResource, nested, verdict } from "../util.ts";

/**
 * No cache rule puts a header Cloudflare refuses into its cache key: `accept`, `accept-encoding`, `user-agent`,
 * `referer` and other high-cardinality headers, headers that re-implement cache or proxy features (`range`,
 * `cache-control`, `if-*`), headers covered by other cache-key features (`cookie`, `host`), `origin` and every
 * `cf-` header. Source: developers.cloudflare.com/cache/how-to/cache-keys/ ("Headers").
 */
export const CloudflareCacheKeyHeaders: PolicyRule = {
  name: "CloudflareCacheKeyHeaders",
  check(block) {
    if (!isResource(block, "cloudflare_ruleset") || block.config.phase !== "http_request_cache_settings") {
      return Compliance.NOT_APPLICABLE;
    }
    const problems = asList(block.config.rules).flatMap((rule) => {
      const header = nested(nested(nested(rule.action_parameters).cache_key).custom_key).header;
      const include = nested(header).include;
      return (Array.isArray(include) ? include : [])
        .filter((h): h is string => typeof h === "string" && cacheKeyHeaderRefused(h))
        .map((h) => `rule ${String(rule.ref ?? rule.description)} includes header ${h}`);
    });
    return verdict(problems);
  },
};
