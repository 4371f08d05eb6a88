// How the origin-auth values reach Terraform and the worker (stacks/README.md, "Origin lockdown"): from GitHub
// secrets, per environment, into TF_VAR_* of every plan and deploy and into the worker's secret before the stacks.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENVIRONMENT_NAMES, resolvePlatform } from "@edge/platform";
import { ORIGIN_AUTH_VARIABLES } from "@edge/stacks";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateMatrixPick, type Job, readWorkflow, repoRoot, type Step } from "./support.ts";

const secret = (name: string) => `\${{ secrets.${name} }}`;
const secretName = (kind: "CURRENT" | "NEXT", env: string) => `ORIGIN_AUTH_${kind}_${env.toUpperCase()}`;
const tfVar = (name: string) => `TF_VAR_${name}`;

describe("deploy passes each environment's origin-auth values", () => {
  const deploy = readWorkflow("deploy.yml");
  it.each(ENVIRONMENT_NAMES.map((env) => [env]))(
    "%s: worker secret after wrangler deploy and before cdktf deploy; both values to the stacks",
    (env) => {
      const job = deploy.jobs[env] as Job;
      const runs = job.steps.map((s: Step) => s.run ?? "");
      const worker = runs.findIndex((r) => /wrangler deploy/.test(r));
      const store = runs.findIndex((r) => r.includes("origin-auth-secret.sh"));
      const cdktf = runs.findIndex((r) => r.includes("cdktf.sh deploy"));
      expect([worker, store, cdktf].every((i) => i >= 0)).toBe(true);
      expect(store).toBeGreaterThan(worker);
      expect(cdktf, "the worker sends the header before the ALB requires it").toBeGreaterThan(store);
      expect(job.steps[store]?.env?.ORIGIN_AUTH_CURRENT).toBe(secret(secretName("CURRENT", env)));
      expect(job.steps[store]?.run).toMatch(new RegExp(`origin-auth-secret\\.sh ${env}\\b`));
      expect(job.steps[cdktf]?.env?.[tfVar(ORIGIN_AUTH_VARIABLES.current)]).toBe(
        secret(secretName("CURRENT", env)),
      );
      expect(job.steps[cdktf]?.env?.[tfVar(ORIGIN_AUTH_VARIABLES.next)]).toBe(
        secret(secretName("NEXT", env)),
      );
    },
  );
});

describe.each(["pull-request.yml", "drift.yml"])("%s plans with each environment's values", (file) => {
  const workflow = readWorkflow(file);
  const planStep = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.run?.includes("plan-environment.sh"));

  it.each([
    ["CURRENT", ORIGIN_AUTH_VARIABLES.current],
    ["NEXT", ORIGIN_AUTH_VARIABLES.next],
  ] as const)("%s → TF_VAR_%s: the matrix environment's own secret, never another's", (kind, variable) => {
    const expression = planStep?.env?.[tfVar(variable)];
    expect(expression).toBeDefined();
    const secrets = Object.fromEntries(
      ENVIRONMENT_NAMES.map((env) => [secretName(kind, env), `${kind}-of-${env}`]),
    );
    for (const env of ENVIRONMENT_NAMES) {
      expect(evaluateMatrixPick(expression!, env, secrets)).toBe(`${kind}-of-${env}`);
      // An environment whose secret is empty (no rotation under way) gets "", not the next clause's value.
      expect(evaluateMatrixPick(expression!, env, { ...secrets, [secretName(kind, env)]: "" })).toBe("");
    }
  });
});

describe("origin-auth-secret.sh", () => {
  const dir = mkdtempSync(join(tmpdir(), "origin-auth-secret-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in for pnpm that records what wrangler would get: its arguments and its stdin.
  writeFileSync(
    join(dir, "pnpm"),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$*" > "${dir}/args"\ncat > "${dir}/stdin"\n`,
  );
  chmodSync(join(dir, "pnpm"), 0o755);
  const run = (value: string, args: string[]) =>
    spawnSync("bash", [join(repoRoot, ".github/scripts/origin-auth-secret.sh"), ...args], {
      cwd: join(repoRoot, "workers/edge"),
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, ORIGIN_AUTH_CURRENT: value },
      timeout: 30_000,
    });

  it("stores the value under the model's binding through stdin only, never printing it", () => {
    const value = "0123456789abcdef".repeat(4);
    const result = run(value, ["staging", "--env", "staging"]);
    expect(result.status, result.stderr).toBe(0);
    const binding = resolvePlatform("staging").originAuth.workerSecretBinding;
    expect(readFileSync(join(dir, "args"), "utf8").trim()).toBe(
      `exec wrangler secret put ${binding} --env staging`,
    );
    expect(readFileSync(join(dir, "stdin"), "utf8")).toBe(value);
    expect(result.stdout + result.stderr).not.toContain(value);
  });

  it("refuses a value ALB matching would widen or that is not 64 lowercase hex, before calling wrangler", () => {
    rmSync(join(dir, "args"), { force: true });
    for (const bad of ["0123456789ABCDEF".repeat(4), `${"a".repeat(63)}*`, "short", ""]) {
      const result = run(bad, ["production"]);
      expect(result.status, bad).not.toBe(0);
      expect(result.stderr).toMatch(/ORIGIN_AUTH_CURRENT/);
    }
    expect(() => readFileSync(join(dir, "args"))).toThrow();
  });
});
