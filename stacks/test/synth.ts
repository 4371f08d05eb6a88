import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BuildAppOptions, buildApp } from "../src/app/build-app.ts";
import { App, type Construct, TerraformStack, Testing } from "../src/providers/cdktf.ts";

/** A synthesized stack: `resource`, `data`, `variable`, `terraform`, … as Terraform JSON. */
export type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  [key: string]: unknown;
};

/**
 * Builds the real app (policy pack on, warnings collected) and synthesizes every stack with cdktf's `Testing`,
 * running validations — so a policy error fails the test. Returns stack name → JSON.
 */
export function synthStacks(options: BuildAppOptions = {}): Record<string, StackJson> {
  const outdir = mkdtempSync(path.join(tmpdir(), "edge-stacks-test-"));
  try {
    const { stacks } = buildApp({ outdir, log: () => {}, ...options });
    return Object.fromEntries(
      stacks.map((s) => [s.name, JSON.parse(Testing.synth(s.stack, true)) as StackJson]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every resource of `type` in the stack, keyed by its logical id. */
export function resources(json: StackJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The one resource of `type` whose logical id contains `idPart` (throws when not exactly one). */
export function resource(json: StackJson, type: string, idPart: string): Record<string, unknown> {
  const found = Object.entries(resources(json, type)).filter(([id]) => id.includes(idPart));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} matching "${idPart}", found ${found.map(([id]) => id).join(", ") || "none"}`,
    );
  }
  return (found[0] as [string, Record<string, unknown>])[1];
}

/** Every resource of `type` as a list (order of logical ids). */
export const resourceList = (json: StackJson, type: string) => Object.values(resources(json, type));

/**
 * Runs `build` in a scratch stack of a scratch app whose output directory is removed afterwards
 * (`Testing.synthScope` leaves a `cdktf.outdir.*` temp dir behind per call).
 */
export function inScratchStack(build: (scope: Construct) => void): void {
  const outdir = mkdtempSync(path.join(tmpdir(), "edge-stacks-scratch-"));
  try {
    build(new TerraformStack(new App({ outdir }), "scratch"));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
