import {
  ENVIRONMENT_NAMES,
  type EnvironmentOverrides,
  isProductionTier,
  type Platform,
  PlatformConfigError,
  resolvePlatform,
} from "@edge/platform";
import { AwsComputeStack } from "../aws/aws-compute-stack.ts";
import { AwsEdgeStack } from "../aws/aws-edge-stack.ts";
import { CloudflareEdgeStack } from "../cloudflare/cloudflare-edge-stack.ts";
import { cloudflareZones, zoneOf } from "../cloudflare/zone-layout.ts";
import { applyPolicyPack, recordProduction } from "../policy/index.ts";
import { App, type TerraformStack } from "../providers/cdktf.ts";
import { addBackend, type BackendOptions } from "./backend.ts";
import { LAYERS, type Layer, stackName } from "./naming.ts";

export interface BuildAppOptions {
  /**
   * Where `app.synth()` writes (`<outdir>/stacks/<stack>/cdk.tf.json`).
   * @default "cdktf.out"
   */
  readonly outdir?: string;
  /**
   * Environments to build.
   * @default every environment of the model (`ENVIRONMENT_NAMES`)
   */
  readonly environments?: readonly string[];
  /**
   * Layers to build.
   * @default all three (`LAYERS`)
   */
  readonly layers?: readonly Layer[];
  /**
   * State backend.
   * @default `{ kind: "local" }`
   */
  readonly backend?: BackendOptions;
  /** A last overlay on every environment's model (tests, what-if synths). @default none */
  readonly overrides?: EnvironmentOverrides;
  /**
   * Run the policy rule pack at synth (fails synth on error findings).
   * @default true
   */
  readonly policy?: boolean;
  /** Where the policy pack prints warnings and suppressions. @default console.warn */
  readonly log?: (line: string) => void;
}

export interface BuiltStack {
  readonly name: string;
  readonly environment: string;
  readonly layer: Layer;
  readonly stack: TerraformStack;
  readonly platform: Platform;
}

const STACK_CLASSES = {
  "cloudflare-edge": CloudflareEdgeStack,
  "aws-edge": AwsEdgeStack,
  "aws-compute": AwsComputeStack,
} as const satisfies Record<Layer, unknown>;

/**
 * An environment that is not built but may share a zone with one that is: with the overlay when it fits that
 * environment too, else as configured (an overlay written for production, such as a host name, may not).
 */
function resolveNeighbour(env: string, overrides: EnvironmentOverrides | undefined): Platform {
  try {
    return resolvePlatform(env, { overrides });
  } catch (error) {
    if (error instanceof PlatformConfigError) return resolvePlatform(env);
    throw error;
  }
}

/** Layers that must be applied before a layer of the same environment. */
export const LAYER_DEPENDENCIES: Readonly<Partial<Record<Layer, readonly Layer[]>>> = {
  "aws-compute": ["aws-edge"],
};

/** The one cdktf app: a stack per environment × layer, every value read from `resolvePlatform(env)`. */
export function buildApp(options: BuildAppOptions = {}): { app: App; stacks: BuiltStack[] } {
  const app = new App({ outdir: options.outdir ?? "cdktf.out" });
  const backend = options.backend ?? { kind: "local" };
  const stacks: BuiltStack[] = [];
  const built = options.environments ?? ENVIRONMENT_NAMES;
  // Every environment, built or not: an environment sharing a Cloudflare zone needs its neighbours' rules.
  const resolved = new Map(built.map((env) => [env, resolvePlatform(env, { overrides: options.overrides })]));
  for (const env of ENVIRONMENT_NAMES.filter((e) => !resolved.has(e))) {
    resolved.set(env, resolveNeighbour(env, options.overrides));
  }
  const zones = cloudflareZones([...resolved.values()]);
  for (const environment of built) {
    const platform = resolved.get(environment) as Platform;
    const zone = zoneOf(zones, platform);
    const byLayer: Partial<Record<Layer, TerraformStack>> = {};
    for (const layer of options.layers ?? LAYERS) {
      const name = stackName(environment, layer);
      const stack =
        layer === "cloudflare-edge"
          ? new CloudflareEdgeStack(app, name, { platform, zone })
          : new STACK_CLASSES[layer](app, name, { platform });
      addBackend(stack, name, platform, backend);
      // Strictness comes from the model's tier, never the environment's name (`live` may be production); the
      // stack records it so the CLI on cdktf.out (CI, reviews) holds it to the same rules.
      const production = isProductionTier(platform);
      recordProduction(stack, production);
      // Policy pack hook: the single call site. Every stack is checked when it is synthesized.
      if (options.policy ?? true) {
        applyPolicyPack(stack, { production, ...(options.log ? { log: options.log } : {}) });
      }
      stacks.push({ name, environment, layer, stack, platform });
      byLayer[layer] = stack;
    }
    // aws-compute reads the ALB, its security group and target groups of aws-edge (data sources by name):
    // the dependency goes into manifest.json, so `cdktf deploy` applies aws-edge first (and destroys it last).
    for (const [layer, needs] of Object.entries(LAYER_DEPENDENCIES) as [Layer, readonly Layer[]][]) {
      for (const dependency of needs) {
        const stack = byLayer[layer];
        const before = byLayer[dependency];
        if (stack && before) stack.addDependency(before);
      }
    }
  }
  return { app, stacks };
}
