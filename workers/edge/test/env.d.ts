// Types for `cloudflare:workers` in tests: the bindings of wrangler.jsonc and the worker's default export.
type WorkerEnv = import("../src/env.ts").Env;

declare namespace Cloudflare {
  interface Env extends WorkerEnv {}
  interface Exports {
    default: Fetcher;
  }
}
