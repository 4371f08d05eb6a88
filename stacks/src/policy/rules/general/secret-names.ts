// Heuristics shared by the general rules: which key names hold secrets, and which values look like one.

/** Words that make a key secret on their own (`api_token`, `client_secret`, `db_password`). */
const SECRET_WORDS = new Set([
  "token",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "apikey",
  "credentials",
]);
/** `<word>_key` pairs that are secrets (`api_key`, `access_key`, `private_key`, `secret_key`). */
const SECRET_KEY_PREFIXES = new Set([
  "api",
  "access",
  "private",
  "secret",
  "signing",
  "encryption",
  "service",
]);
/** A key ending in one of these names a secret's handle or metadata, not the secret itself. */
const METADATA_SUFFIXES = new Set([
  "arn",
  "id",
  "ids",
  "name",
  "names",
  "version",
  "strategy",
  "enabled",
  "type",
  "ttl",
  "length",
  "path",
  "prefix",
  "header",
  "url",
  "count",
]);

/** True for key names that hold a secret value (`auth_token`, `apiToken`, `access_key`, `client-secret`). */
export function isSecretName(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last === undefined || METADATA_SUFFIXES.has(last)) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return words.some((w, i) => w === "key" && i > 0 && SECRET_KEY_PREFIXES.has(words[i - 1] ?? ""));
}

/** Values that are secrets whatever their key: AWS access key ids, PEM private keys. */
const SECRET_VALUE = /\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export function looksLikeSecretValue(value: string): boolean {
  return SECRET_VALUE.test(value);
}

/** `NAME=value` / `name: value` where NAME is secret-like and value is a literal (not `$VAR` / `${...}`). */
const SECRET_ASSIGNMENT =
  /\b([A-Za-z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)[A-Za-z0-9_]*)\s*[=:]\s*["']?(?![$"'\s])([^\s"']{4,})/i;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/**
 * The secret-like name assigned a literal in a script or env file (`user_data`), also inside base64, else
 * undefined. `export DB_PASSWORD=$(aws secretsmanager ...)` and `TOKEN=${token}` are fine.
 */
export function secretAssignmentIn(text: string): string | undefined {
  const candidates = [text];
  if (BASE64.test(text) && text.length >= 8) candidates.push(Buffer.from(text, "base64").toString("utf8"));
  for (const candidate of candidates) {
    const match = SECRET_ASSIGNMENT.exec(candidate);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
