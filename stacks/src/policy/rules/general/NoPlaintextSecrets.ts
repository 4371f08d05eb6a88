import { Compliance, type PolicyRule } from "../../types.ts";
import { isExpression, isObject, nonCompliant } from "../util.ts";
import { isSecretName, looksLikeSecretValue, secretAssignmentIn } from "./secret-names.ts";

/** Arguments holding scripts that are scanned for `SECRET=literal` assignments (plain or base64). */
const SCRIPT_KEY = /(^|\.)user_data(_base64)?$/;

/** Paths (`access_key`, `headers.authorization`) under `value` that hold a literal secret. */
function literalSecrets(value: unknown, path: string, secretKey: boolean, found: string[]): void {
  if (typeof value === "string") {
    if (SCRIPT_KEY.test(path)) {
      const name = secretAssignmentIn(value);
      if (name) found.push(`${path} (${name}=...)`);
    }
    if (value === "" || isExpression(value)) return;
    if (secretKey || looksLikeSecretValue(value)) found.push(path || "(value)");
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) literalSecrets(item, `${path}[${i}]`, secretKey, found);
    return;
  }
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      literalSecrets(child, path ? `${path}.${key}` : key, secretKey || isSecretName(key), found);
    }
  }
}

/**
 * No block carries a literal secret: resource, data source, provider and backend arguments named like
 * secrets (token, secret, password, api/access/private key) must be expressions (a sensitive variable, a
 * secret manager data source), never literals; nor may a secret-named variable default, local or output be one.
 * Values shaped like AWS access key ids or PEM private keys are flagged under any key, and `user_data`
 * scripts (plain or base64) may not assign a literal to a secret-named variable.
 */
export const NoPlaintextSecrets: PolicyRule = {
  name: "NoPlaintextSecrets",
  checkov: "CKV_AWS_41",
  check(block) {
    if (block.kind === "stack") return Compliance.NOT_APPLICABLE;
    const found: string[] = [];
    if (block.kind === "variable") {
      literalSecrets(block.config.default, "default", isSecretName(block.name), found);
    } else if (block.kind === "output" || block.kind === "local") {
      literalSecrets(block.config.value, "value", isSecretName(block.name), found);
    } else {
      literalSecrets(block.config, "", false, found);
    }
    return found.length === 0 ? Compliance.COMPLIANT : nonCompliant(`literal secret at ${found.join(", ")}`);
  },
};
