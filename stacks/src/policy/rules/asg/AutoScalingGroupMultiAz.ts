import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, nonCompliant } from "../util.ts";

function count(value: unknown): number | "unknown" {
  if (isExpression(value)) return "unknown";
  if (Array.isArray(value)) return value.some(isExpression) && value.length === 1 ? "unknown" : value.length;
  return 0;
}

/** Auto Scaling groups span at least two subnets / availability zones. */
export const AutoScalingGroupMultiAz: PolicyRule = {
  name: "AutoScalingGroupMultiAz",
  check(block) {
    if (!isResource(block, "aws_autoscaling_group")) return Compliance.NOT_APPLICABLE;
    const subnets = count(block.config.vpc_zone_identifier);
    const zones = count(block.config.availability_zones);
    if (subnets === "unknown" || zones === "unknown") return Compliance.COMPLIANT;
    const spread = Math.max(subnets, zones);
    return spread >= 2 ? Compliance.COMPLIANT : nonCompliant(`spans ${spread} subnet(s)/zone(s)`);
  },
};
