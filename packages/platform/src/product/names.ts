import type { ConfigProblem } from "../errors.ts";
import type { PlatformConfig } from "./types.ts";

/**
 * Names that must differ per environment, because two environments sharing one would share a real resource:
 * the Worker script (Cloudflare routes of one environment would reach the other's worker, and the worker's
 * cache namespace is its script name) and each pool's SQS queue (one environment would scale on the other's
 * backlog). Left unset, each is derived from the product name, the pool and the environment. Names the
 * renderers build themselves (stack names, log groups, Terraform state keys, alarm names) already carry the
 * environment (`<name>-<environment>-…`), so they cannot collide.
 */
export const derivedNames = {
  scriptName: (name: string, environment: string) => `${name}-edge-${environment}`,
  queueName: (name: string, pool: string, environment: string) => `${name}-${pool}-jobs-${environment}`,
};

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fills every per-environment name the merged configuration leaves unset (a copy; the input is not changed). */
export function withDerivedNames(config: PlatformConfig, environment: string): PlatformConfig {
  const out = structuredClone(config) as unknown as Loose;
  const name = typeof out.name === "string" ? out.name : "";
  if (!isObject(out.edge)) out.edge = {};
  const edge = out.edge as Loose;
  if (edge.scriptName === undefined) edge.scriptName = derivedNames.scriptName(name, environment);
  for (const [pool, value] of Object.entries(isObject(out.pools) ? out.pools : {})) {
    const queue = isObject(value) && isObject(value.scaling) ? value.scaling.queueDepth : undefined;
    if (isObject(queue) && queue.queueName === undefined) {
      queue.queueName = derivedNames.queueName(name, pool, environment);
    }
  }
  return out as unknown as PlatformConfig;
}

/** Every per-environment name of one merged configuration: field path → value. */
export function perEnvironmentNames(config: PlatformConfig): Map<string, string> {
  const names = new Map<string, string>();
  const script = (config.edge as Loose | undefined)?.scriptName;
  if (typeof script === "string") names.set("edge.scriptName", script);
  for (const [pool, value] of Object.entries(config.pools ?? {})) {
    const queueName = (value?.scaling?.queueDepth as Loose | null | undefined)?.queueName;
    if (typeof queueName === "string") names.set(`pools.${pool}.scaling.queueDepth.queueName`, queueName);
  }
  return names;
}

const kindOf = (path: string) => (path.endsWith("queueName") ? "queue" : path);

/** The name `path` would get in `environment` if left unset. */
const derivedAt = (path: string, name: string, environment: string) => {
  const pool = path.match(/^pools\.([^.]+)\./)?.[1];
  return pool ? derivedNames.queueName(name, pool, environment) : derivedNames.scriptName(name, environment);
};

/**
 * Problems for each name `environment` shares with another environment (script with script, queue with any
 * queue): the message names the other environment and its field, and says how to get a name of its own.
 */
export function nameCollisions(
  environment: string,
  productName: string,
  own: Map<string, string>,
  others: Map<string, Map<string, string>>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [path, value] of own) {
    for (const [other, names] of others) {
      if (other === environment) continue;
      for (const [otherPath, otherValue] of names) {
        if (otherValue !== value || kindOf(otherPath) !== kindOf(path)) continue;
        problems.push({
          path,
          value,
          message: `is also the ${otherPath} of environment "${other}": each environment needs its own; set one in environment "${environment}", or leave it unset there and in the product to get "${derivedAt(path, productName, environment)}"`,
        });
      }
    }
  }
  return problems;
}
