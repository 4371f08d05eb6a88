// Typed builders for AWS WAFv2 statements. The provider types `rule[].statement` as `any` and passes it to
// Terraform as-is, so a misspelt key would only fail at apply time; building statements through these types
// makes the same typo fail `tsc`. Keys are Terraform's snake_case block names.
import type { Wafv2WebAclRule } from "../providers/aws.ts";

export { integerAbove } from "../app/integer-regex.ts";

type Empty = Record<string, never>;

/**
 * Where the client IP is read when a proxy (Cloudflare) stands in front of the ALB. AWS WAF API reference,
 * ForwardedIPConfig / IPSetForwardedIPConfig: `fallback_behavior` (MATCH | NO_MATCH) applies when the header holds
 * no valid IP; when the header is absent the rule is not applied at all.
 */
export interface ForwardedIpConfig {
  header_name: string;
  fallback_behavior: "MATCH" | "NO_MATCH";
}
export interface IpSetForwardedIpConfig extends ForwardedIpConfig {
  position: "FIRST" | "LAST" | "ANY";
}

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
        forwarded_ip_config?: ForwardedIpConfig;
      };
    }
  | { ip_set_reference_statement: { arn: string; ip_set_forwarded_ip_config?: IpSetForwardedIpConfig } }
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

/**
 * More than `limit` requests from one client IP within `windowSeconds`. With `forwardedIp`, the client IP is the
 * one in that header (behind a proxy the source IP is the proxy's); otherwise the connection's source IP.
 */
export const rateLimitPerIp = (
  limit: number,
  windowSeconds: (typeof WAF_RATE_WINDOWS)[number],
  forwardedIp?: ForwardedIpConfig,
): WafStatement => {
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new RangeError(`rate limit: ${limit} requests must be a whole number from 10 to 2000000000`);
  }
  return {
    rate_based_statement: forwardedIp
      ? {
          limit,
          aggregate_key_type: "FORWARDED_IP",
          evaluation_window_sec: windowSeconds,
          forwarded_ip_config: forwardedIp,
        }
      : { limit, aggregate_key_type: "IP", evaluation_window_sec: windowSeconds },
  };
};

/** The request's client IP is in the IP set; with `forwardedIp`, the IP in that header. */
export const ipSetReference = (arn: string, forwardedIp?: IpSetForwardedIpConfig): WafStatement => ({
  ip_set_reference_statement: forwardedIp ? { arn, ip_set_forwarded_ip_config: forwardedIp } : { arn },
});

/** Negates a statement. */
export const not = (statement: WafStatement): WafStatement => ({ not_statement: { statement } });

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
