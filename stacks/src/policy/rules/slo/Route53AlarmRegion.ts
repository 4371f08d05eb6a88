import { Compliance, type PolicyRule } from "../../types.ts";
import { awsRegionOf, isExpression, isResource, nonCompliant } from "../util.ts";

const ROUTE53_METRICS_REGION = "us-east-1";

/**
 * Alarms on Route 53 health-check metrics (`AWS/Route53`) are created through an AWS provider in us-east-1:
 * Route 53 publishes them to CloudWatch there only (Route 53 developer guide, "Monitoring health checks using
 * CloudWatch"), so an alarm elsewhere never gets a data point. The provider is the block's `provider`
 * (`aws.<alias>`) or the default `aws` provider.
 */
export const Route53AlarmRegion: PolicyRule = {
  name: "Route53AlarmRegion",
  check(block, stack) {
    if (!isResource(block, "aws_cloudwatch_metric_alarm") || block.config.namespace !== "AWS/Route53") {
      return Compliance.NOT_APPLICABLE;
    }
    const ref = typeof block.config.provider === "string" ? block.config.provider : "aws";
    const region = awsRegionOf(block, stack);
    if (isExpression(region)) return Compliance.COMPLIANT;
    return region === ROUTE53_METRICS_REGION
      ? Compliance.COMPLIANT
      : nonCompliant(`provider ${ref} is in ${String(region ?? "an unknown region")}`);
  },
};
