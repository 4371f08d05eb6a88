// The image fixtures (fixtures/images at the repository root), served read-only to tests by a workerd disk service
// (vitest.config.ts: miniflare.serviceBindings.IMAGE_FIXTURES).
declare namespace Cloudflare {
  interface Env {
    IMAGE_FIXTURES: Fetcher;
  }
}
