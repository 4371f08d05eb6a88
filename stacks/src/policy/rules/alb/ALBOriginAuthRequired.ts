import { type Block, Compliance, type JsonObject, type PolicyRule, type StackView } from "../../types.ts";
import { asList, isExpression, isResource, isTrue, LISTENER_TYPES, verdict } from "../util.ts";

const RULE_TYPES = ["aws_lb_listener_rule", "aws_alb_listener_rule"];
/** Listener protocols of an ALB (an NLB's TCP/TLS/UDP listeners forward by design and have no rules). */
const ALB_PROTOCOLS = [undefined, "HTTP", "HTTPS"];

const forwards = (actions: unknown) => asList(actions).some((a) => a.type === "forward");

/** `var.<name>` references of a Terraform expression. */
const variablesIn = (value: string) => [...value.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

/** Why an http_header condition does not hold a secret from sensitive variables, or undefined when it does. */
function secretProblem(header: JsonObject, stack: StackView): string | undefined {
  const values: unknown[] = isExpression(header.values)
    ? [header.values]
    : Array.isArray(header.values)
      ? header.values
      : [];
  if (values.length === 0 || !values.every(isExpression))
    return `header ${String(header.http_header_name)} has literal values (a secret in the repository) or none`;
  const names = variablesIn(values.join(" "));
  if (names.length === 0) return `header ${String(header.http_header_name)} values come from no variable`;
  const open = names.filter(
    (name) =>
      !stack.blocks.some((b) => b.kind === "variable" && b.name === name && isTrue(b.config.sensitive)),
  );
  return open.length > 0 ? `var.${open.join(", var.")} not sensitive` : undefined;
}

/**
 * Origin lockdown, secret-header half: every ALB listener rule that forwards to a target group requires an HTTP
 * header whose accepted values come from sensitive Terraform variables, and no ALB listener's default action
 * forwards (a listener's default rule cannot have conditions, so it would forward anyone). Cloudflare's published
 * ranges also include every other Cloudflare customer's traffic, and zone-level Authenticated Origin Pulls uses a
 * certificate shared by all accounts; a secret header only our worker adds closes that gap.
 * Sources: Elastic Load Balancing user guide "Condition types for listener rules" (http-header conditions) and
 * "Listener rules" (the default rule has no conditions); AWS provider docs aws_lb_listener_rule
 * (condition.http_header); Cloudflare docs fundamentals/security/protect-your-origin-server (HTTP header
 * validation) and ssl/origin-configuration/authenticated-origin-pull (the Cloudflare certificate "is not exclusive
 * to your account").
 */
export const ALBOriginAuthRequired: PolicyRule = {
  name: "ALBOriginAuthRequired",
  check(block: Block, stack: StackView) {
    if (isResource(block, ...LISTENER_TYPES)) {
      if (!ALB_PROTOCOLS.includes(block.config.protocol as string | undefined))
        return Compliance.NOT_APPLICABLE;
      return verdict(
        forwards(block.config.default_action)
          ? ["default_action forwards to a target group: anyone who reaches the listener passes"]
          : [],
      );
    }
    if (!isResource(block, ...RULE_TYPES)) return Compliance.NOT_APPLICABLE;
    if (!forwards(block.config.action)) return Compliance.NOT_APPLICABLE;
    const headers = asList(block.config.condition).flatMap((c) => asList(c.http_header));
    if (headers.length === 0)
      return verdict(["forwards without an http_header condition (origin-auth header)"]);
    const problems = headers.map((h) => secretProblem(h, stack));
    // One header holding a secret is enough; other header conditions may route on anything.
    return verdict(problems.includes(undefined) ? [] : problems.filter((p): p is string => p !== undefined));
  },
};
