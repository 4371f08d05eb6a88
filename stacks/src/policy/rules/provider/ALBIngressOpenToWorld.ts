import { Compliance, type PolicyRule, type StackView } from "../../types.ts";
import { asList, isResource, verdict } from "../util.ts";

const WORLD = ["0.0.0.0/0", "::/0"];

/** The values an ingress CIDR can take: a literal, or each element of the variable its `for_each` iterates. */
function cidrValues(value: unknown, forEach: unknown, stack: StackView): unknown[] {
  if (typeof value !== "string" || !value.includes("each.value")) return [value];
  const variable = /var\.([A-Za-z0-9_-]+)/.exec(String(forEach ?? ""))?.[1];
  const declared = stack.blocks.find((b) => b.kind === "variable" && b.name === variable);
  const fallback = declared?.config.default;
  return Array.isArray(fallback) ? fallback : [];
}

/**
 * No security-group ingress is open to the whole internet (0.0.0.0/0 or ::/0), neither literally nor through
 * the default of the variable its `for_each` iterates. Behind Cloudflare the origin takes traffic only from
 * Cloudflare's published ranges (www.cloudflare.com/ips/), so nobody reaches it around the CDN, its WAF and the
 * worker. Sources: AWS provider docs, resources vpc_security_group_ingress_rule (`cidr_ipv4`, `cidr_ipv6`) and
 * security_group (`ingress.cidr_blocks`); Cloudflare docs fundamentals/concepts/cloudflare-ip-addresses.
 */
export const ALBIngressOpenToWorld: PolicyRule = {
  name: "ALBIngressOpenToWorld",
  check(block, stack) {
    if (isResource(block, "aws_vpc_security_group_ingress_rule")) {
      const values = [
        ...cidrValues(block.config.cidr_ipv4, block.config.for_each, stack),
        ...cidrValues(block.config.cidr_ipv6, block.config.for_each, stack),
      ];
      return verdict(values.filter((v) => WORLD.includes(String(v))).map((v) => `ingress from ${String(v)}`));
    }
    if (isResource(block, "aws_security_group")) {
      const open = asList(block.config.ingress).flatMap((rule) =>
        [...asList(rule.cidr_blocks), ...(Array.isArray(rule.cidr_blocks) ? rule.cidr_blocks : [])]
          .concat(Array.isArray(rule.ipv6_cidr_blocks) ? rule.ipv6_cidr_blocks : [])
          .filter((v) => WORLD.includes(String(v))),
      );
      return verdict(open.map((v) => `inline ingress from ${String(v)}`));
    }
    return Compliance.NOT_APPLICABLE;
  },
};
