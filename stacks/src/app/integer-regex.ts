/**
 * A regex matching decimal integers greater than `n` (leading zeros allowed). Body-size limits are enforced on
 * `Content-Length` with it: AWS WAF on an ALB inspects only the first 8 KB of a body, and Cloudflare's
 * `http.request.body.size` needs an Enterprise add-on.
 */
export function integerAbove(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`integerAbove: ${n} must be a whole number ≥ 0`);
  const digits = String(n);
  const alternatives = [`[1-9]\\d{${digits.length},}`];
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const rest = digits.length - i - 1;
    const next = d + 1 === 9 ? "9" : `[${d + 1}-9]`;
    const tail = rest === 0 ? "" : rest === 1 ? "\\d" : `\\d{${rest}}`;
    alternatives.push(`${digits.slice(0, i)}${next}${tail}`);
  }
  return `^0*(${alternatives.join("|")})$`;
}
