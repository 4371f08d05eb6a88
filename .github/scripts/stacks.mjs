#!/usr/bin/env node
// Which synthesized stacks exist, read from cdktf's manifest (so CI never re-states stack names).
//   node .github/scripts/stacks.mjs locate               → the cdktf.out folder `pnpm synth` wrote
//   node .github/scripts/stacks.mjs list --env staging   → that environment's stacks, one per line, deploy order
// Plain JavaScript on purpose: CI runs it with the image's Node 20 before the project toolchain is set up.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "./cli.mjs";
import { LAYER_DEPLOY_ORDER, parseStackName, SYNTH_OUTPUTS } from "./layout.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @param {string} [root]
 * @returns {string} absolute path of the first candidate holding a manifest.json
 */
export function locateOutput(root = repoRoot) {
  for (const candidate of SYNTH_OUTPUTS) {
    if (existsSync(join(root, candidate, "manifest.json"))) return join(root, candidate);
  }
  throw new Error(
    `no synthesized stacks: none of ${SYNTH_OUTPUTS.join(", ")} has a manifest.json (run pnpm synth)`,
  );
}

/**
 * @typedef {{ name: string; dependencies?: string[] }} ManifestStack
 * @typedef {{ version: string; stacks: Record<string, ManifestStack> }} Manifest
 */

/**
 * True when a stack belongs to an environment: its name is `<env>-<layer>` (the one naming scheme).
 * @param {string} stack
 * @param {string} env
 */
export function stackBelongsTo(stack, env) {
  return parseStackName(stack)?.env === env;
}

/** @param {string} stack */
function layerRank(stack) {
  const layer = parseStackName(stack)?.layer;
  return layer ? LAYER_DEPLOY_ORDER.indexOf(/** @type {any} */ (layer)) : LAYER_DEPLOY_ORDER.length;
}

/**
 * The stacks of one environment in deploy order: every stack after the stacks it depends on (cdktf manifest
 * `dependencies`), otherwise in layer order, then by name.
 * @param {Manifest} manifest
 * @param {string} env
 * @returns {string[]}
 */
export function stacksInDeployOrder(manifest, env) {
  const names = Object.keys(manifest.stacks)
    .filter((name) => stackBelongsTo(name, env))
    .sort((a, b) => layerRank(a) - layerRank(b) || a.localeCompare(b));
  /** @type {string[]} */
  const ordered = [];
  /** @type {Set<string>} */
  const visiting = new Set();
  /** @param {string} name */
  const visit = (name) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`stack dependency cycle through ${name}`);
    visiting.add(name);
    for (const dependency of manifest.stacks[name]?.dependencies ?? []) {
      if (names.includes(dependency)) visit(dependency);
    }
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of names) visit(name);
  return ordered;
}

/** @param {string} outputDir @returns {Manifest} */
export function readManifest(outputDir) {
  return JSON.parse(readFileSync(join(outputDir, "manifest.json"), "utf8"));
}

runCli(
  import.meta.url,
  {
    usage: "stacks.mjs locate | stacks.mjs list --env ENV",
    options: { env: { type: "string" } },
    positionals: 1,
  },
  ({ values, positionals: [command] }) => {
    if (command === "locate") {
      console.log(locateOutput());
      return;
    }
    const env = values.env;
    if (command !== "list" || typeof env !== "string")
      throw new Error("usage: stacks.mjs locate | stacks.mjs list --env ENV");
    const outputDir = process.env.CDKTF_OUTPUT || locateOutput();
    const stacks = stacksInDeployOrder(readManifest(outputDir), env);
    if (stacks.length === 0)
      throw new Error(`no stack of environment "${env}" in ${outputDir}/manifest.json`);
    console.log(stacks.join("\n"));
  },
);
