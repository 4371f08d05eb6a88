import { Compliance, type PolicyRule } from "../../types.ts";

/**
 * Worker code, versions, deployments, secrets and their bindings belong to wrangler. Declaring them here
 * too gives two owners that overwrite each other on every deploy. Routes stay in Terraform.
 */
export const WRANGLER_OWNED_TYPES = [
  "cloudflare_workers_script",
  "cloudflare_worker_script",
  "cloudflare_worker",
  "cloudflare_worker_version",
  "cloudflare_workers_deployment",
  "cloudflare_workers_script_subdomain",
  "cloudflare_workers_secret",
  "cloudflare_worker_secret",
  "cloudflare_workers_cron_trigger",
  "cloudflare_worker_cron_trigger",
] as const;

export const CloudflareNoWorkerScript: PolicyRule = {
  name: "CloudflareNoWorkerScript",
  check(block) {
    if (block.kind !== "resource" || !block.type.startsWith("cloudflare_")) return Compliance.NOT_APPLICABLE;
    return (WRANGLER_OWNED_TYPES as readonly string[]).includes(block.type)
      ? Compliance.NON_COMPLIANT
      : Compliance.COMPLIANT;
  },
};
