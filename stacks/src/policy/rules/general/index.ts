export { NoPlaintextSecrets } from "./NoPlaintextSecrets.ts";
export { SensitiveVariables } from "./SensitiveVariables.ts";
export { isSecretName, looksLikeSecretValue } from "./secret-names.ts";
