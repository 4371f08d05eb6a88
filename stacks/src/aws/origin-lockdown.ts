import { ORIGIN_AUTH_VALUE, type Platform } from "@edge/platform";
import { type Construct, Fn, TerraformVariable } from "../providers/cdktf.ts";

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

export { ORIGIN_AUTH_VALUE };

/**
 * The model's value format (`@edge/platform` ORIGIN_AUTH_VALUE: 64 lowercase hex characters, matched exactly by the
 * ALB's case-insensitive, wildcard-capable header condition) in Terraform's regex(): RE2 accepts this source as is.
 */
const VALUE_PATTERN = ORIGIN_AUTH_VALUE.source;

/** Terraform variable names of the accepted values (CI: TF_VAR_<name> from GitHub secrets). */
export const ORIGIN_AUTH_VARIABLES = {
  current: "origin_auth_secret_current",
  next: "origin_auth_secret_next",
} as const;

/**
 * The accepted values of the origin-auth header as a list token: the current value (required) and, during a
 * rotation, the next one (empty otherwise). Both are sensitive variables validated in Terraform, so a plan with a
 * missing or malformed value stops there, naming the variable; the values never enter the repository or the model.
 */
export function originAuthValues(scope: Construct, p: Platform): string[] {
  const header = p.originAuth.headerName;
  const current = new TerraformVariable(scope, ORIGIN_AUTH_VARIABLES.current, {
    type: "string",
    sensitive: true,
    description: `Current value of the ${header} header the edge worker sends (its ${p.originAuth.workerSecretBinding} secret); 64 lowercase hex characters`,
    validation: [
      {
        condition: `\${can(regex("${VALUE_PATTERN}", var.${ORIGIN_AUTH_VARIABLES.current}))}`,
        errorMessage: `${ORIGIN_AUTH_VARIABLES.current} must be 64 lowercase hex characters (openssl rand -hex 32): ALB header matching ignores case and treats * and ? as wildcards.`,
      },
    ],
  });
  const next = new TerraformVariable(scope, ORIGIN_AUTH_VARIABLES.next, {
    type: "string",
    sensitive: true,
    default: "",
    description: `Next value of the ${header} header during a rotation (accepted next to the current one), else empty`,
    validation: [
      {
        condition: `\${var.${ORIGIN_AUTH_VARIABLES.next} == "" || can(regex("${VALUE_PATTERN}", var.${ORIGIN_AUTH_VARIABLES.next}))}`,
        errorMessage: `${ORIGIN_AUTH_VARIABLES.next} must be empty or 64 lowercase hex characters (openssl rand -hex 32).`,
      },
    ],
  });
  return Fn.distinct(Fn.compact([current.stringValue, next.stringValue]));
}
