// The read-only plan role of the PR plan and the drift diff: each matrix environment assumes its own role. A
// non-production environment other than staging (or an environment whose secret is unset) gets no role and the
// credentials step fails, instead of silently planning with staging's role.
import { describe, expect, it } from "vitest";
import { evaluateMatrixPick, readWorkflow } from "./support.ts";

const roleSecret = (env: string) => `AWS_PLAN_ROLE_ARN_${env.toUpperCase()}`;

describe.each(["pull-request.yml", "drift.yml"])("%s: plan role per environment", (file) => {
  const workflow = readWorkflow(file);
  const planJob = Object.values(workflow.jobs).find((job) =>
    job.steps.some((s) => s.run?.includes("plan-environment.sh")),
  );
  const credentials = planJob?.steps.find((s) =>
    s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
  );
  const role = String(credentials?.with?.["role-to-assume"] ?? "");
  const matrix = planJob?.strategy?.matrix?.environment as string[] | undefined;

  it("each matrix environment gets its own role, never another environment's", () => {
    expect(role).not.toBe("");
    expect(matrix?.length).toBeGreaterThan(0);
    const secrets = Object.fromEntries((matrix ?? []).map((env) => [roleSecret(env), `role-of-${env}`]));
    for (const env of matrix ?? []) {
      expect(evaluateMatrixPick(role, env, secrets)).toBe(`role-of-${env}`);
      // Its secret unset: no role (the step fails), not the next clause's role.
      expect(evaluateMatrixPick(role, env, { ...secrets, [roleSecret(env)]: "" })).toBe("");
    }
  });

  it("a non-production environment other than staging gets no role (not staging's)", () => {
    const secrets = {
      AWS_PLAN_ROLE_ARN_STAGING: "role-of-staging",
      AWS_PLAN_ROLE_ARN_PRODUCTION: "role-of-prod",
    };
    for (const env of ["qa", "preview", "live"]) expect(evaluateMatrixPick(role, env, secrets)).toBe("");
  });
});
