// What the collectors gather from one checked-out tree, and what the report renders. Plain data.
import type { TerraformJson } from "./diff/stacks.ts";

/**
 * One part of the report for one tree. `missing`: the piece does not exist in that tree (e.g. an old base ref
 * from before the NGINX renderer); `failed`: it exists but running it failed.
 */
export type Section<T> =
  | { status: "ok"; value: T }
  | { status: "missing"; reason: string }
  | { status: "failed"; error: string };

export interface PolicyFinding {
  stack: string;
  ruleId: string;
  severity: string;
  /** Terraform address of the resource the finding is about (`aws_lb.main`), or `""` for stack-wide ones. */
  address: string;
  constructPath?: string;
  info: string;
  fix?: string;
}

export interface PolicySuppression extends PolicyFinding {
  reason: string;
}

export interface PolicyResult {
  findings: PolicyFinding[];
  suppressed: PolicySuppression[];
}

export interface BundleFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface WorkerBundle {
  /** The uploaded modules (`dist/*.js` and friends; source maps and READMEs excluded). */
  files: BundleFile[];
  bytes: number;
  gzipBytes: number;
}

/** Rendered NGINX files of one environment: path relative to `<out>/<env>/` → text. */
export type NginxFiles = Record<string, string>;

/**
 * The worker's compiled policy (`workers/edge/src/generated/policy.generated.json`), per environment: what the
 * worker bundles. Only the parts the summary reads are typed.
 */
export interface WorkerPolicyEnv {
  zone?: { domain?: string; cdnHost?: string };
  edge?: { scriptName?: string };
  routeClasses?: Record<
    string,
    {
      pool?: string;
      albAction?: string;
      cache?: {
        mode?: string;
        edgeTtlSeconds?: number;
        browserTtlSeconds?: number;
        staleWhileRevalidateSeconds?: number;
        staleIfErrorSeconds?: number;
      };
    }
  >;
}

export interface SideResult {
  /** The ref as the user named it (`main`, `HEAD~2`), or `working tree`. */
  ref: string;
  /** The commit it resolved to (the working tree: its HEAD commit). */
  commit?: string;
  /** The working tree had uncommitted changes. */
  dirty?: boolean;
  stacks: Section<Record<string, TerraformJson>>;
  policy: Section<PolicyResult>;
  /** Per environment, so an environment that exists on one side only shows as such. */
  nginx: Section<Record<string, Section<NginxFiles>>>;
  worker: Section<WorkerBundle>;
  /** The worker's compiled policy per environment (read after its build). @default not collected */
  workerPolicy?: Section<Record<string, WorkerPolicyEnv>>;
  /** Delivery files (workflows, wrangler config): repository path → text. @default not collected */
  delivery?: Record<string, string>;
}

export interface ReviewData {
  base: SideResult;
  head: SideResult;
}
