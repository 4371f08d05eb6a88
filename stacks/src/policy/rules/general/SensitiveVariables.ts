import { Compliance, type PolicyRule } from "../../types.ts";
import { isTrue } from "../util.ts";
import { isSecretName } from "./secret-names.ts";

/** Variables and outputs named like secrets are `sensitive = true`, so plans and logs redact them. */
export const SensitiveVariables: PolicyRule = {
  name: "SensitiveVariables",
  check(block) {
    if (block.kind !== "variable" && block.kind !== "output") return Compliance.NOT_APPLICABLE;
    if (!isSecretName(block.name)) return Compliance.NOT_APPLICABLE;
    return isTrue(block.config.sensitive) ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
