// The properties of the workflows that matter for the delivery flow (pull request, deploy, drift, environments),
// asserted on the YAML. Safety properties every workflow shares are in safety.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_NAMES } from "@edge/platform";
import { describe, expect, it } from "vitest";
import { experimental_readRawConfig } from "wrangler";
import { parse } from "yaml";
import { allSteps, type Job, needsOf, readWorkflow, repoRoot, type Step } from "./support.ts";

const pullRequest = readWorkflow("pull-request.yml");
const deploy = readWorkflow("deploy.yml");
const drift = readWorkflow("drift.yml");
const usesOf = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const cancelInProgress = (job: Job) =>
  typeof job.concurrency === "object" ? job.concurrency["cancel-in-progress"] : undefined;

describe("pull-request workflow", () => {
  it("runs the README's test command, npm test, as its own step", () => {
    const steps = pullRequest.jobs.test!.steps.filter((s) => s.run?.trim() === "npm test");
    expect(steps).toHaveLength(1);
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toMatch(/^npm test\b/m);
  });

  it("cancels superseded runs of the same pull request", () => {
    expect(pullRequest.concurrency?.group).toMatch(/github\.event\.pull_request\.number/);
    expect(pullRequest.concurrency?.["cancel-in-progress"]).toBe(true);
  });

  it("synthesizes with pnpm synth, reviews against the base branch, and plans every environment", () => {
    const synth = pullRequest.jobs.synth!;
    expect(synth.steps.some((s) => s.run?.includes("pnpm synth --backend s3"))).toBe(true);
    expect(
      synth.steps.some((s) => /pnpm review --base "origin\/\$BASE_REF" --out review\.md/.test(s.run ?? "")),
    ).toBe(true);
    expect(synth.steps[0]?.with?.["fetch-depth"]).toBe(0);
    const plan = pullRequest.jobs.plan!;
    expect(needsOf(plan)).toEqual(["synth"]);
    expect([...((plan.strategy?.matrix?.environment as string[] | undefined) ?? [])].sort()).toEqual(
      [...ENVIRONMENT_NAMES].sort(),
    );
    expect(plan.steps.some((s) => s.run?.includes(".github/scripts/plan-environment.sh"))).toBe(true);
    expect(plan.env?.TF_CLI_ARGS_plan).toBe("-lock=false");
  });

  it("plans and comments only for pull requests that get secrets: not forks, not Dependabot", () => {
    for (const job of [pullRequest.jobs.plan!, pullRequest.jobs.comment!]) {
      expect(job.if).toMatch(/github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
      expect(job.if).toMatch(/github\.event\.pull_request\.user\.login != 'dependabot\[bot\]'/);
    }
  });

  it("posts exactly one sticky comment, found again by its hidden header", () => {
    const sticky = Object.values(pullRequest.jobs).flatMap((job) =>
      usesOf(job, "marocchino/sticky-pull-request-comment"),
    );
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.with?.header).toBe("edge-platform-plans");
    expect(sticky[0]?.with?.path).toBe("comment.md");
    const comment = pullRequest.jobs.comment!;
    expect(needsOf(comment)).toEqual(["synth", "plan"]);
    expect(comment.if).toMatch(/!cancelled\(\)/); // also after a failed plan, so the comment says so
  });

  it("passes the Cloudflare token as an environment variable only", () => {
    const withToken = allSteps().filter(({ step }) => step.env?.CLOUDFLARE_API_TOKEN);
    expect(withToken.length).toBeGreaterThanOrEqual(6);
    for (const { step } of withToken) expect(step.env?.CLOUDFLARE_API_TOKEN).toMatch(/secrets\.CLOUDFLARE/);
  });
});

describe("deploy workflow", () => {
  /** The deploy job of each environment of the model (a missing one fails "environments" below). */
  const jobs = ENVIRONMENT_NAMES.flatMap((env) =>
    deploy.jobs[env] ? [[env, deploy.jobs[env]] as const] : [],
  );
  const wranglerConfig = experimental_readRawConfig({ config: join(repoRoot, "workers/edge/wrangler.jsonc") })
    .rawConfig as { vars?: Record<string, string>; env?: Record<string, unknown> };
  /** An environment with an `env.<name>` block deploys with `--env <name>`; the one without is the top level. */
  const wranglerCommand = (env: string) =>
    wranglerConfig.env?.[env] ? `pnpm exec wrangler deploy --env ${env}` : "pnpm exec wrangler deploy";
  /** Every job a job waits for, directly or through others. */
  const upstream = (id: string, seen = new Set<string>()): Set<string> => {
    for (const need of needsOf(deploy.jobs[id] as Job)) {
      if (!seen.has(need)) upstream(need, seen.add(need));
    }
    return seen;
  };

  it("runs on pushes to main", () => {
    expect(deploy.on.push).toEqual({ branches: ["main"] });
  });

  it("deploys every other environment before production, each job in its own GitHub environment", () => {
    for (const [env, job] of jobs) expect(job.environment, env).toEqual({ name: env });
    if (!deploy.jobs.production) return;
    const others = ENVIRONMENT_NAMES.filter((env) => env !== "production");
    expect([...upstream("production")].sort(), "production's needs (direct or indirect)").toEqual(
      expect.arrayContaining(others),
    );
    for (const env of others)
      expect([...upstream(env)], `${env} must not wait for production`).not.toContain("production");
  });

  it("deploys only main, also when started by hand on another branch", () => {
    for (const [env, job] of jobs) expect(job.if, env).toBe("github.ref == 'refs/heads/main'");
  });

  it("never overlaps two deploys of one environment and never cancels a running one", () => {
    for (const [env, job] of jobs) {
      const group = typeof job.concurrency === "object" ? job.concurrency.group : job.concurrency;
      expect([env, group, cancelInProgress(job)]).toEqual([env, `deploy-${env}`, false]);
    }
  });

  it.each(ENVIRONMENT_NAMES.map((env) => [env]))(
    "%s: synth, wrangler deploy of the worker, then cdktf deploy of its stacks (routes need the script: API 10019)",
    (env) => {
      const job = deploy.jobs[env];
      if (!job) return; // reported by "environments" below, with what to add
      const runs = job.steps.map((s: Step) => s.run?.trim() ?? "");
      const synth = runs.indexOf("pnpm synth --backend s3");
      const cdktf = runs.findIndex(
        (r) => r.includes(`stacks.mjs list --env ${env}`) && r.includes("cdktf.sh deploy"),
      );
      const worker = runs.indexOf(wranglerCommand(env));
      expect(synth).toBeGreaterThan(-1);
      expect(worker, `a step running "${wranglerCommand(env)}"`).toBeGreaterThan(synth);
      expect(cdktf, "cdktf deploy after wrangler deploy").toBeGreaterThan(worker);
      // The cloudflare-edge stack looks the worker script up in this account before it plans the routes.
      expect(job.steps[cdktf]?.env?.TF_VAR_cloudflare_account_id).toBe(
        `\${{ secrets.CLOUDFLARE_ACCOUNT_ID }}`,
      );
      expect(job.steps[worker]?.["working-directory"]).toBe("workers/edge");
      expect(Object.keys(job.steps[worker]?.env ?? {}).sort()).toEqual([
        "CLOUDFLARE_ACCOUNT_ID",
        "CLOUDFLARE_API_TOKEN",
      ]);
    },
  );

  it("wrangler.jsonc has an env block (with ENVIRONMENT) for every environment but at most one, the top level", () => {
    const topLevel = ENVIRONMENT_NAMES.filter((env) => !wranglerConfig.env?.[env]);
    expect(topLevel.length, `environments without an env block: ${topLevel.join(", ")}`).toBeLessThanOrEqual(
      1,
    );
    if (topLevel[0]) expect(wranglerConfig.vars?.ENVIRONMENT).toBe(topLevel[0]);
    for (const env of ENVIRONMENT_NAMES.filter((e) => wranglerConfig.env?.[e])) {
      const block = (wranglerConfig.env?.[env] ?? {}) as { vars?: Record<string, string> };
      expect(block.vars?.ENVIRONMENT, env).toBe(env);
    }
  });

  it("sets up with the project's own bootstrap", () => {
    for (const [env, job] of jobs) expect(job.steps[1]?.uses, env).toBe("./.github/actions/setup");
    const setup = readFileSync(join(repoRoot, ".github/actions/setup/action.yml"), "utf8");
    expect(setup).toMatch(/run: bash scripts\/bootstrap\.sh/);
  });
});

describe("drift workflow", () => {
  it("runs on a schedule and by hand", () => {
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  });

  it("diffs every environment read-only, then manages issues in a job that cannot touch AWS", () => {
    expect(
      [...((drift.jobs.diff!.strategy?.matrix?.environment as string[] | undefined) ?? [])].sort(),
    ).toEqual([...ENVIRONMENT_NAMES].sort());
    expect(drift.jobs.diff!.env?.TF_CLI_ARGS_plan).toBe("-lock=false");
    const issues = drift.jobs.issues!;
    expect(needsOf(issues)).toEqual(["synth", "diff"]);
    expect(issues.permissions).toEqual({ contents: "read", issues: "write" });
    expect(usesOf(issues, "aws-actions/configure-aws-credentials")).toEqual([]);
  });
});

describe("the cdktf CLI", () => {
  const wrapper = readFileSync(join(repoRoot, ".github/scripts/cdktf.sh"), "utf8");

  it("is pinned to 0.21.0, run on already-synthesized stacks, and kept out of the workspace", () => {
    expect(wrapper).toMatch(/^CDKTF_CLI_VERSION="0\.21\.0"$/m);
    expect(wrapper).toMatch(/npx --yes "cdktf-cli@\$CDKTF_CLI_VERSION" "\$1" --skip-synth/);
    const manifests = ["package.json", "stacks/package.json", "test/package.json"].map((p) =>
      readFileSync(join(repoRoot, p), "utf8"),
    );
    for (const manifest of manifests) expect(manifest).not.toMatch(/"cdktf-cli"/);
  });

  it("matches the cdktf library version the stacks use", () => {
    const stacks = JSON.parse(readFileSync(join(repoRoot, "stacks/package.json"), "utf8"));
    expect(stacks.dependencies.cdktf).toBe("0.21.0");
  });
});

describe("environments", () => {
  it("the workflows plan, watch and deploy exactly the model's environments", () => {
    const names = [...ENVIRONMENT_NAMES];
    // Order is free (the matrix runs in parallel); the set must be the model's.
    const matrix = (job: Job | undefined) =>
      [...((job?.strategy?.matrix?.environment as string[] | undefined) ?? [])].sort();
    expect(matrix(pullRequest.jobs.plan), "pull-request.yml plan matrix").toEqual([...names].sort());
    expect(matrix(drift.jobs.diff), "drift.yml diff matrix").toEqual([...names].sort());
    const missing = names.filter((env) => !deploy.jobs[env]);
    expect(
      missing,
      "add a deploy job per environment to .github/workflows/deploy.yml (see docs/how-to.md, Add an environment)",
    ).toEqual([]);
    const deployed = Object.values(deploy.jobs).flatMap((job) =>
      job.environment === undefined
        ? []
        : [typeof job.environment === "string" ? job.environment : job.environment.name],
    );
    expect([...new Set(deployed)].sort()).toEqual([...names].sort());
  });
});

describe("dependabot", () => {
  it("keeps the pinned actions of the workflows and the composite actions current", () => {
    const config = parse(readFileSync(join(repoRoot, ".github/dependabot.yml"), "utf8"));
    const actions = config.updates.find(
      (u: { "package-ecosystem": string }) => u["package-ecosystem"] === "github-actions",
    );
    expect(actions.directories).toEqual(["/", "/.github/actions/*"]);
    expect(actions.schedule.interval).toBe("weekly");
  });
});
