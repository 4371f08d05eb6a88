// Typed builders for AWS WAFv2 statements. The provider types `rule[].statement` as `any` and passes it to
// Terraform as-is, so a misspelt key would only fail at apply time; building statements through these types
// makes the same typo fail `tsc`. Keys are Terraform's snake_case block names.
import type { Wafv2WebAclRule } from "../providers/aws.ts";

export { integerAbove } from "../app/integer-regex.ts";

type Empty = Record<string, never>;

export type FieldToMatch =
  | { single_header: { name: string } }
  | { uri_path: Empty }
  | { body: { oversize_handling: "CONTINUE" | "MATCH" | "NO_MATCH" } };

export interface TextTransformation {
  priority: number;
  type: "NONE" | "LOWERCASE" | "URL_DECODE" | "COMPRESS_WHITE_SPACE";
}

export interface RuleActionOverride {
  name: string;
  action_to_use: { count: Empty } | { block: Empty } | { allow: Empty };
}

export type WafStatement =
  | {
      managed_rule_group_statement: {
        name: string;
        vendor_name: string;
        rule_action_override?: RuleActionOverride[];
      };
    }
  | {
      rate_based_statement: {
        limit: number;
        aggregate_key_type: "IP" | "FORWARDED_IP";
        evaluation_window_sec: 60 | 120 | 300 | 600;
      };
    }
  | { ip_set_reference_statement: { arn: string } }
  | {
      regex_match_statement: {
        regex_string: string;
        field_to_match: FieldToMatch;
        text_transformation: TextTransformation[];
      };
    }
  | { not_statement: { statement: WafStatement } };

/** An AWS- or Marketplace-managed rule group; listed rules are set to count instead of block. */
export const managedRuleGroup = (
  vendor: string,
  name: string,
  countOnly: readonly string[],
): WafStatement => ({
  managed_rule_group_statement: {
    name,
    vendor_name: vendor,
    ...(countOnly.length > 0
      ? { rule_action_override: countOnly.map((rule) => ({ name: rule, action_to_use: { count: {} } })) }
      : {}),
  },
});

/** AWS counts rate-based limits over one of these windows (seconds). */
export const WAF_RATE_WINDOWS = [60, 120, 300, 600] as const;

/** More than `limit` requests from one client IP within `windowSeconds`. */
export const rateLimitPerIp = (
  limit: number,
  windowSeconds: (typeof WAF_RATE_WINDOWS)[number],
): WafStatement => {
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new RangeError(`rate limit: ${limit} requests must be a whole number from 10 to 2000000000`);
  }
  return { rate_based_statement: { limit, aggregate_key_type: "IP", evaluation_window_sec: windowSeconds } };
};

export const ipSetReference = (arn: string): WafStatement => ({ ip_set_reference_statement: { arn } });

/** A header's value matches a regular expression (no transformation). */
export const headerMatches = (header: string, regex: string): WafStatement => ({
  regex_match_statement: {
    regex_string: regex,
    field_to_match: { single_header: { name: header.toLowerCase() } },
    text_transformation: [{ priority: 0, type: "NONE" }],
  },
});

type RuleAction = "block" | "count";

export interface WafRuleOptions {
  /** Rule name, also its CloudWatch metric name. */
  readonly name: string;
  readonly priority: number;
  readonly statement: WafStatement;
  /** What a match does. Ignored for managed rule groups, which keep their own actions. @default "block" */
  readonly action?: RuleAction;
}

/** A complete web ACL rule: visibility on, `override_action none` for rule groups, the action otherwise. */
export function wafRule(options: WafRuleOptions): Wafv2WebAclRule {
  const isGroup = "managed_rule_group_statement" in options.statement;
  const action = options.action ?? "block";
  return {
    name: options.name,
    priority: options.priority,
    statement: options.statement,
    ...(isGroup ? { overrideAction: { none: {} } } : { action: { [action]: {} } }),
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: options.name,
    },
  };
}
