export { NoPlaintextSecrets } from "./NoPlaintextSecrets.ts";
export { SensitiveVariables } from "./SensitiveVariables.ts";
export { isSecretName, looksLikeSecretValue, secretAssignmentIn } from "./secret-names.ts";
