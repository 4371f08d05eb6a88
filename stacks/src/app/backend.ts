import type { Platform } from "@edge/platform";
import { LocalBackend, S3Backend, type TerraformStack } from "../providers/cdktf.ts";

/**
 * Where a stack keeps its Terraform state.
 * - `s3`: one state object per environment × layer in a versioned bucket, encrypted, with S3-native locking
 *   (`use_lockfile`, Terraform ≥ 1.10) — what CI deploys with.
 * - `local`: `terraform.<stack>.tfstate` beside the synthesized JSON — what tests and offline synths use.
 */
export type BackendOptions =
  | { kind: "local" }
  | {
      kind: "s3";
      /** State bucket (created once, outside these stacks). */
      bucket: string;
      /** Bucket region. @default the model's `aws.region` */
      region?: string;
      /** KMS key for state encryption. @default the bucket's default (SSE-S3) */
      kmsKeyId?: string;
    };

export function addBackend(stack: TerraformStack, name: string, p: Platform, backend: BackendOptions): void {
  if (backend.kind === "local") {
    new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
    return;
  }
  new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${p.name}/${p.environment}/${name}.tfstate`,
    region: backend.region ?? p.aws.region,
    encrypt: true,
    ...(backend.kmsKeyId ? { kmsKeyId: backend.kmsKeyId } : {}),
  });
  // cdktf 0.21 predates S3-native locking; the override writes Terraform's own `use_lockfile` flag.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
