import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isResource, LISTENER_TYPES, nonCompliant } from "../util.ts";

/** Security policy names that negotiate TLS 1.3 (`ELBSecurityPolicy-TLS13-1-2-2021-06`, `...-TLS13-1-3-...`). */
const TLS13_POLICY = /TLS13/;

/** HTTPS/TLS listeners use a TLS 1.3 security policy (the provider default is the 2016 policy). */
export const ALBListenerTls13Policy: PolicyRule = {
  name: "ALBListenerTls13Policy",
  checkov: "CKV_AWS_103",
  check(block) {
    if (!isResource(block, ...LISTENER_TYPES)) return Compliance.NOT_APPLICABLE;
    const protocol = block.config.protocol;
    if (protocol !== "HTTPS" && protocol !== "TLS") return Compliance.NOT_APPLICABLE;
    const policy = block.config.ssl_policy;
    if (isExpression(policy)) return Compliance.COMPLIANT;
    if (typeof policy === "string" && TLS13_POLICY.test(policy)) return Compliance.COMPLIANT;
    return nonCompliant(
      `ssl_policy is ${policy === undefined ? "unset (provider default 2016-08)" : policy}`,
    );
  },
};
