// An independent AWS Signature Version 4 check for the CloudWatch stand-in, written from AWS's description of the
// algorithm (IAM user guide, "Create a signed AWS API request"), with node:crypto only: it shares no code with
// aws4fetch, which signs. It recomputes the signature from what arrived on the wire.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  /** Lower-case header names (Node's IncomingMessage.headers). */
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export interface SigV4Expectation {
  /** Access key id → secret the stand-in knows. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly region: string;
  readonly service: string;
}

export type SigV4Verdict = { valid: true; accessKeyId: string } | { valid: false; reason: string };

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX upper-case). */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(search: URLSearchParams): string {
  return [...search.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export function verifySigV4(req: ReceivedRequest, expect: SigV4Expectation): SigV4Verdict {
  const auth = String(req.headers.authorization ?? "");
  const m = AUTH.exec(auth);
  if (!m) return { valid: false, reason: "no AWS4-HMAC-SHA256 Authorization header" };
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m as unknown as string[];
  const secret = expect.secrets[accessKeyId as string];
  if (!secret) return { valid: false, reason: `unknown access key id ${accessKeyId}` };
  if (region !== expect.region) return { valid: false, reason: `credential scope region ${region}` };
  if (service !== expect.service) return { valid: false, reason: `credential scope service ${service}` };
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  if (!amzDate.startsWith(date as string))
    return { valid: false, reason: "x-amz-date does not match the scope date" };
  const names = (signedHeaders as string).split(";");
  if (!names.includes("host") || !names.includes("x-amz-date")) {
    return { valid: false, reason: "host and x-amz-date must be signed" };
  }
  const payloadHash = sha256(req.body);
  const claimed = req.headers["x-amz-content-sha256"];
  if (claimed !== undefined && claimed !== payloadHash) return { valid: false, reason: "body hash mismatch" };
  const url = new URL(req.url, "http://stand-in");
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const canonicalRequest = [
    req.method,
    url.pathname
      .split("/")
      .map((seg) => encode(decodeURIComponent(seg)))
      .join("/") || "/",
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secret}`, date as string);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part as string);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature as string, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: "signature does not match" };
  }
  return { valid: true, accessKeyId: accessKeyId as string };
}
