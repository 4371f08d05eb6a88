import { isObject } from "../blocks.ts";
import {
  type Block,
  Compliance,
  type JsonObject,
  type NonCompliance,
  type RuleOutcome,
  type StackView,
} from "../types.ts";

export { isObject };

/** A non-compliant verdict naming the offending element. */
export function nonCompliant(detail: string): NonCompliance {
  return { status: Compliance.NON_COMPLIANT, detail };
}

/** Nested blocks synthesize as an object (single) or an array (list); absent is an empty list. */
export function asList(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first (single) nested block, or an empty object. */
export function nested(value: unknown): JsonObject {
  return asList(value)[0] ?? {};
}

/** A Terraform expression (`${var.x}`, `${aws_lb.alb.arn}`): its value is unknown at synth. */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** True when `value` (deeply) references an attribute of the block at `address`. */
export function refersTo(value: unknown, address: string): boolean {
  return JSON.stringify(value ?? null).includes(`\${${address}.`);
}

/** True for `true` and `"true"` (Terraform accepts both). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/**
 * Region of the AWS provider a block is created through: its `provider` (`aws.<alias>`) or the default `aws`
 * provider. An expression, or undefined when the stack declares no such provider.
 */
export function awsRegionOf(block: Block, stack: StackView): unknown {
  const ref = typeof block.config.provider === "string" ? block.config.provider : "aws";
  const [, alias] = ref.split(".");
  const provider = stack.blocks.find(
    (b) => b.kind === "provider" && b.type === "aws" && (alias ? b.name === alias : b.name === "aws"),
  );
  return provider?.config.region;
}

export function isResource(block: Block, ...types: string[]): boolean {
  return block.kind === "resource" && types.includes(block.type);
}

/** Compliant when there are no problems, else non-compliant listing them. */
export function verdict(problems: readonly string[]): RuleOutcome {
  return problems.length === 0 ? Compliance.COMPLIANT : nonCompliant(problems.join("; "));
}

export const ALB_TYPES = ["aws_lb", "aws_alb"] as const;
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"] as const;
export const TARGET_GROUP_TYPES = ["aws_lb_target_group", "aws_alb_target_group"] as const;

/** An application load balancer (`load_balancer_type` defaults to `application`). */
export function isApplicationLoadBalancer(block: Block): boolean {
  if (!isResource(block, ...ALB_TYPES)) return false;
  const type = block.config.load_balancer_type;
  return type === undefined || type === "application";
}

/** `rule` entries of an `aws_wafv2_web_acl`. */
export function wafRules(config: JsonObject): JsonObject[] {
  return asList(config.rule);
}

/** The managed rule group statement of a WAF rule, if it is one (vendor AWS). */
export function managedGroupOf(rule: JsonObject): JsonObject | undefined {
  const statement = nested(rule.statement);
  const group = nested(statement.managed_rule_group_statement);
  return typeof group.name === "string" ? group : undefined;
}

/** A managed group whose whole result is overridden to `count` only monitors. */
export function isCountOnly(rule: JsonObject): boolean {
  return Object.keys(nested(rule.override_action)).includes("count");
}

/** `cloudflare_zone_setting.value` as a string (the provider types it as a map; plain strings are cast). */
export function zoneSettingValue(config: JsonObject): unknown {
  const value = config.value;
  return isObject(value) && "value" in value ? value.value : value;
}

/** The zone setting block with id `settingId`, or undefined for any other block. */
export function zoneSetting(block: Block, settingId: string): JsonObject | undefined {
  return isResource(block, "cloudflare_zone_setting") && block.config.setting_id === settingId
    ? block.config
    : undefined;
}
