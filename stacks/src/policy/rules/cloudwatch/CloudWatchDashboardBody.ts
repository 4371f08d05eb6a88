import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isObject, isResource, nonCompliant } from "../util.ts";

/** Dashboard bodies are valid JSON with at least one widget (CloudWatch rejects malformed bodies at apply). */
export const CloudWatchDashboardBody: PolicyRule = {
  name: "CloudWatchDashboardBody",
  check(block) {
    if (!isResource(block, "aws_cloudwatch_dashboard")) return Compliance.NOT_APPLICABLE;
    const body = block.config.dashboard_body;
    if (typeof body !== "string") return nonCompliant("dashboard_body is not a string");
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      // `${jsonencode(...)}` bodies are rendered by Terraform; literal JSON must parse here.
      if (isExpression(body) && !body.trimStart().startsWith("{")) return Compliance.COMPLIANT;
      return nonCompliant(`dashboard_body is not JSON: ${(error as Error).message}`);
    }
    const widgets = isObject(parsed) ? parsed.widgets : undefined;
    return Array.isArray(widgets) && widgets.length > 0 ? Compliance.COMPLIANT : nonCompliant("no widgets");
  },
};
