import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource, LISTENER_TYPES } from "../util.ts";

/** HTTPS/TLS listeners name their certificate (an input: variable or data source). */
export const ALBHttpsListenerCertificate: PolicyRule = {
  name: "ALBHttpsListenerCertificate",
  check(block) {
    if (!isResource(block, ...LISTENER_TYPES)) return Compliance.NOT_APPLICABLE;
    const protocol = block.config.protocol;
    if (protocol !== "HTTPS" && protocol !== "TLS") return Compliance.NOT_APPLICABLE;
    const arn = block.config.certificate_arn;
    return typeof arn === "string" && arn.length > 0 ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
