import type { Platform } from "@edge/platform";

/**
 * Who may reach the ALB: Cloudflare's published edge ranges, the same list the origin trusts for the client
 * address (`loadBalancer.realIp.trustedProxies`, default: www.cloudflare.com/ips/ as of the model's last refresh),
 * split by family for `cidr_ipv4` / `cidr_ipv6`. Secure by default: a Terraform variable can widen it, the
 * policy pack (CFP5) refuses 0.0.0.0/0 and ::/0.
 */
export function cloudflareIngress(p: Platform): { ipv4: string[]; ipv6: string[] } {
  const ranges = p.loadBalancer.realIp.trustedProxies;
  return { ipv4: ranges.filter((c) => !c.includes(":")), ipv6: ranges.filter((c) => c.includes(":")) };
}
