import { z } from "zod";

/** Defaults of the `originAuth` section (read by the schema's `.default()` calls). */
export const ORIGIN_AUTH_DEFAULTS = {
  headerName: "X-Origin-Auth",
  workerSecretBinding: "ORIGIN_AUTH_SECRET",
} as const;

/**
 * AWS ELBv2 HttpHeaderConditionConfig: the header name is at most 40 characters, RFC 7230 token characters,
 * no wildcards, and never Host (use a host condition). Source: AWS Elastic Load Balancing API reference,
 * HttpHeaderConditionConfig (docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpHeaderConditionConfig.html).
 */
const ALB_HEADER_NAME_MAX = 40;
const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'+.^_`|~-]+$/;
/** Headers a client or Cloudflare sets for its own meaning: reusing one would let the wrong party pass. */
const RESERVED_HEADER = /^(host|authorization|cookie|x-forwarded-.*|forwarded|cf-.*|x-real-ip)$/i;

// The value format lives in a zod-free module so the worker can check its secret without bundling the schema.
export { MAX_ORIGIN_AUTH_VALUES, ORIGIN_AUTH_VALUE } from "../origin-auth-value.ts";

/**
 * The secret-header half of the origin lockdown (stacks/README.md "Origin lockdown"): the worker adds this
 * header to every origin fetch and the ALB forwards only requests that carry an accepted value, so another
 * Cloudflare customer's zone (which passes the IP allow-list too) cannot reach the origin. The secret VALUES
 * never live in the model: the worker reads a wrangler secret binding, the stacks a sensitive Terraform variable.
 */
export const OriginAuthSchema = z.strictObject({
  headerName: z
    .string()
    .max(ALB_HEADER_NAME_MAX, { error: `must be at most ${ALB_HEADER_NAME_MAX} characters (ALB limit)` })
    .regex(HEADER_TOKEN, { error: "must be an HTTP header name (RFC 7230 token, no wildcards)" })
    .refine((name) => !RESERVED_HEADER.test(name), {
      error: "must not be Host, Authorization, Cookie, Forwarded, X-Forwarded-*, X-Real-IP or CF-*",
    })
    .default(ORIGIN_AUTH_DEFAULTS.headerName)
    .describe(
      "Header the worker adds to every origin fetch (and strips from client requests); the ALB's forwarding rules require it.",
    ),
  workerSecretBinding: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/, {
      error: "must be an UPPER_SNAKE_CASE binding name such as ORIGIN_AUTH_SECRET",
    })
    .default(ORIGIN_AUTH_DEFAULTS.workerSecretBinding)
    .describe(
      "Name of the wrangler secret binding that holds the current header value (wrangler secret put).",
    ),
});
export type OriginAuth = z.infer<typeof OriginAuthSchema>;
