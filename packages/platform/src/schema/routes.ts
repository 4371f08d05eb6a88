import { z } from "zod";
import { httpMethod, keyName, ONE_YEAR_SECONDS, seconds } from "./primitives.ts";

/**
 * How a route class recognises a request path. Structured (not free-form globs) so that every renderer can
 * translate it exactly: Cloudflare expressions, ALB path patterns, nginx locations and the worker's classifier.
 */
export const PathMatcherSchema = z.union([
  z.strictObject({
    prefix: z
      .string()
      .regex(/^\/[A-Za-z0-9._~\-/]*\/$/, { error: 'must start and end with "/", e.g. "/assets/"' })
      .describe("Matches every path that starts with this prefix."),
  }),
  z.strictObject({
    exact: z
      .string()
      .regex(/^\/[A-Za-z0-9._~\-/]*$/, { error: 'must be an absolute path such as "/robots.txt"' })
      .describe("Matches this one path."),
  }),
  z.strictObject({
    extensions: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9]{1,10}$/, { error: "must be a lower-case file extension without the dot" }),
      )
      .min(1)
      .describe("Matches paths whose last segment ends in .<extension>."),
  }),
  z.strictObject({
    fingerprinted: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9]{1,10}$/, { error: "must be a lower-case file extension without the dot" }),
      )
      .min(1)
      .describe("Matches content-hashed file names: name.<8+ hex digits>.<extension>, anywhere in the tree."),
  }),
  z.strictObject({
    noExtension: z
      .literal(true)
      .describe("Matches paths whose last segment has no dot (pages such as /about)."),
  }),
]);
export type PathMatcher = z.infer<typeof PathMatcherSchema>;

export const CachePolicySchema = z
  .strictObject({
    mode: z.enum(["cache", "bypass"]).describe("cache: the edge may store responses; bypass: never stored."),
    edgeTtlSeconds: seconds().describe("How long the edge keeps a response (shared cache, s-maxage)."),
    browserTtlSeconds: seconds().describe("How long browsers keep a response (max-age)."),
    staleWhileRevalidateSeconds: seconds(0, 7 * 86_400).describe(
      "How long after expiry the edge may serve stale while it refreshes in the background.",
    ),
    staleIfErrorSeconds: seconds(0, 30 * 86_400).describe(
      "How long after expiry the edge may serve stale when the origin fails.",
    ),
    immutable: z
      .boolean()
      .describe("Adds `immutable`: the URL's content never changes (fingerprinted files)."),
    methods: z.array(httpMethod()).min(1).describe("Methods whose responses may be cached."),
    respectOriginCacheControl: z
      .boolean()
      .describe(
        "Honour the origin's Cache-Control (private, no-store, s-maxage, max-age) within edgeTtlSeconds.",
      ),
    bypassOnAuthorization: z
      .boolean()
      .describe("Never cache or serve from cache when Authorization is sent."),
    bypassOnCookies: z
      .array(z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "must be a cookie name" }))
      .describe("Cookie names (sessions) whose presence bypasses the cache."),
    varyOnAccept: z.boolean().describe("The cache key includes the negotiated format (image variants)."),
  })
  .describe("Cache policy of one route class.");
export type CachePolicy = z.infer<typeof CachePolicySchema>;

export const ROUTE_HANDLERS = ["static", "image", "api", "html", "websocket", "proxy"] as const;

export const RouteClassSchema = z.strictObject({
  description: z.string().describe("One line for reviewers."),
  match: z.array(PathMatcherSchema).min(1, { error: "needs at least one matcher" }),
  handler: z
    .enum(ROUTE_HANDLERS, { error: `must be one of ${ROUTE_HANDLERS.join(", ")}` })
    .describe("Which edge-worker behaviour serves the class."),
  pool: keyName().describe("The load-balancer pool (key of `pools`) that serves the class at the origin."),
  albAction: z
    .enum(["forward", "redirect-to-cdn"])
    .describe("What the ALB does with the class: forward to the pool, or redirect to the CDN host."),
  cache: CachePolicySchema,
  securityProfile: keyName().describe("Key of securityHeaders.csp: the CSP this class gets."),
});
export type RouteClass = z.infer<typeof RouteClassSchema>;

export const CacheKeySchema = z.strictObject({
  ignoredQueryParams: z
    .array(z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "must be a query parameter name" }))
    .describe("Tracking parameters dropped from every cache key (utm_*, gclid, fbclid, ...)."),
  sortQuery: z
    .boolean()
    .describe("Sort the remaining query parameters so their order does not split the cache."),
});

export { ONE_YEAR_SECONDS };
