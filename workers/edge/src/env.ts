/** Bindings and vars of the edge worker (see wrangler.jsonc). */
export interface Env {
  /** Which environment's compiled policy to use. */
  ENVIRONMENT?: string;
  /** Origin base URL; defaults to the model's `origin.url` for the environment. Override with `--var`. */
  ORIGIN_URL?: string;
  /** Bearer secret for the purge endpoint (a secret binding, never a var). */
  PURGE_TOKEN?: string;
  /** Cloudflare Images binding: resize and format conversion. */
  IMAGES: ImagesBinding;
}
