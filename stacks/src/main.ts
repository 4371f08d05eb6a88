// `pnpm synth`: synthesizes every stack of every environment into cdktf.out/stacks/<stack>/cdk.tf.json, offline.
//   node src/main.ts [--env NAME]... [--outdir DIR] [--backend local|s3]
// The S3 backend needs EDGE_STATE_BUCKET (and uses it by default when set); otherwise state stays local.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PlatformConfigError } from "@edge/platform";
import type { BackendOptions } from "./app/backend.ts";
import { buildApp } from "./app/build-app.ts";

process.env.CHECKPOINT_DISABLE ??= "1";

function backendFrom(kind: string | undefined): BackendOptions {
  const bucket = process.env.EDGE_STATE_BUCKET;
  const chosen = kind ?? (bucket ? "s3" : "local");
  if (chosen === "local") return { kind: "local" };
  if (chosen !== "s3") throw new Error(`--backend: "${chosen}" must be local or s3`);
  if (!bucket)
    throw new Error("--backend s3 needs EDGE_STATE_BUCKET (the state bucket name) in the environment");
  return { kind: "s3", bucket, kmsKeyId: process.env.EDGE_STATE_KMS_KEY_ID };
}

function main(): void {
  // `pnpm synth -- --env x` passes the `--` through; accept it.
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
  const { values } = parseArgs({
    args,
    options: {
      env: { type: "string", multiple: true },
      // The cdktf CLI sets CDKTF_OUTDIR when it runs the app (cdktf.json).
      outdir: { type: "string", default: process.env.CDKTF_OUTDIR ?? "cdktf.out" },
      backend: { type: "string" },
    },
  });
  const backend = backendFrom(values.backend);
  const { app, stacks } = buildApp({ outdir: values.outdir, environments: values.env, backend });
  app.synth();
  for (const s of stacks) {
    const file = path.join(values.outdir, "stacks", s.name, "cdk.tf.json");
    const json = JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, object> };
    const resources = Object.values(json.resource ?? {}).reduce(
      (n, byName) => n + Object.keys(byName).length,
      0,
    );
    console.log(`✓ ${s.name.padEnd(28)} ${String(resources).padStart(3)} resources  → ${file}`);
  }
  const seconds = (performance.now() / 1000).toFixed(2); // since process start, imports included
  console.log(
    `synthesized ${stacks.length} stacks (${backend.kind} state) into ${path.resolve(values.outdir)} in ${seconds} s`,
  );
}

try {
  main();
} catch (error) {
  if (error instanceof PlatformConfigError || error instanceof RangeError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exitCode = 1;
}
