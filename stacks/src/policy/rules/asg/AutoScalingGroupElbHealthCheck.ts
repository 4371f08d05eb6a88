import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, refersTo } from "../util.ts";

function nonEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || typeof value === "string";
}

/** Groups attached to a load balancer replace instances the load balancer finds unhealthy. */
export const AutoScalingGroupElbHealthCheck: PolicyRule = {
  name: "AutoScalingGroupElbHealthCheck",
  check(block, stack) {
    if (!isResource(block, "aws_autoscaling_group")) return Compliance.NOT_APPLICABLE;
    const attached =
      nonEmpty(block.config.target_group_arns) ||
      nonEmpty(block.config.load_balancers) ||
      [
        ...stack.resourcesOfType("aws_autoscaling_attachment"),
        ...stack.resourcesOfType("aws_autoscaling_traffic_source_attachment"),
      ].some((a) => refersTo(a.config.autoscaling_group_name, block.address));
    if (!attached) return Compliance.NOT_APPLICABLE;
    return block.config.health_check_type === "ELB" ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
