import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, nested, nonCompliant, TARGET_GROUP_TYPES } from "../util.ts";

/** HTTP(S) target groups define an enabled health check with a path and a matcher. */
export const ALBTargetGroupHealthCheck: PolicyRule = {
  name: "ALBTargetGroupHealthCheck",
  checkov: "CKV_AWS_261",
  check(block) {
    if (!isResource(block, ...TARGET_GROUP_TYPES)) return Compliance.NOT_APPLICABLE;
    if (block.config.target_type === "lambda") return Compliance.NOT_APPLICABLE;
    const protocol = block.config.protocol ?? "HTTP";
    if (protocol !== "HTTP" && protocol !== "HTTPS") return Compliance.NOT_APPLICABLE;
    const health = nested(block.config.health_check);
    if (Object.keys(health).length === 0) return nonCompliant("no health_check block");
    if (health.enabled === false || health.enabled === "false")
      return nonCompliant("health_check.enabled is false");
    const missing = ["path", "matcher"].filter(
      (key) => typeof health[key] !== "string" || health[key] === "",
    );
    return missing.length === 0
      ? Compliance.COMPLIANT
      : nonCompliant(`health_check.${missing.join(", ")} unset`);
  },
};
