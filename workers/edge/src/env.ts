/** Bindings and vars of the edge worker (see wrangler.jsonc). */
export interface Env {
  /** Which environment's compiled policy to use. */
  ENVIRONMENT?: string;
  /** Origin base URL; defaults to the model's `origin.url` for the environment. Override with `--var`. */
  ORIGIN_URL?: string;
  /** Bearer secret for the purge endpoint (a secret binding, never a var). */
  PURGE_TOKEN?: string;
  /**
   * Secret (`wrangler secret put ORIGIN_AUTH_SECRET --env <env>`): the value of the origin-auth header
   * (`originAuth.headerName`) the worker sets on every origin request; the ALB and NGINX forward only requests that
   * carry an accepted value. 64 lowercase hex characters (`openssl rand -hex 32`). The binding's name is the
   * model's `originAuth.workerSecretBinding` (default shown here) and is read by that name (`lib/origin-auth.ts`),
   * so a renamed binding needs no code change. Absent → origin requests carry no header (local runs without
   * lockdown) and the worker warns once per isolate.
   */
  ORIGIN_AUTH_SECRET?: string;
  /** Cloudflare Images binding: resize and format conversion. */
  IMAGES: ImagesBinding;
  /** Workers Analytics Engine dataset of cache outcomes (`slo.cdn.dataset`); absent locally. */
  CACHE_ANALYTICS?: AnalyticsEngineDataset;
  /** CDN metrics publisher (scheduled handler): Cloudflare account of the Analytics Engine SQL API. */
  CF_ACCOUNT_ID?: string;
  /** Secret: API token with Account Analytics Read. */
  CF_ANALYTICS_TOKEN?: string;
  /** Secrets: the CloudWatch publisher's IAM access key (aws-compute outputs `cdn_metrics_*`). */
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  /** Overrides for local stand-ins; default to the Cloudflare SQL API and `monitoring.<region>.amazonaws.com`. */
  ANALYTICS_SQL_URL?: string;
  CLOUDWATCH_URL?: string;
}
