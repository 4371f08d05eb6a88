// One GitHub issue per drifted stack: opened when `cdktf diff` finds changes, updated while they last, closed
// when the stack is clean again. Called from actions/github-script in drift.yml:
//   const { syncDriftIssues } = await import(`${process.env.GITHUB_WORKSPACE}/.github/scripts/drift-issues.mjs`);
//   await syncDriftIssues({ github, context, core, plansDir: "plans", runUrl });
// The decision (planIssueActions) is a pure function, tested offline; syncDriftIssues only applies it.
import { describeCounts, renderResourceList } from "./plan-summary.mjs";
import { readPlans } from "./pr-comment.mjs";

export const DRIFT_LABEL = "drift";

/** @param {string} stack */
export const driftIssueTitle = (stack) => `Infrastructure drift: ${stack}`;

/**
 * @typedef {import("./plan-summary.mjs").PlanSummary} PlanSummary
 * @typedef {{ number: number; title: string }} OpenIssue
 * @typedef {
 *   | { kind: "create"; stack: string; title: string; body: string }
 *   | { kind: "update"; stack: string; number: number; body: string }
 *   | { kind: "close"; stack: string; number: number; comment: string }
 *   | { kind: "keep"; stack: string; number?: number; reason: string }
 * } IssueAction
 */

/**
 * @param {PlanSummary} plan
 * @param {string} runUrl
 * @param {string} detectedAt ISO time
 */
export function driftIssueBody(plan, runUrl, detectedAt) {
  return [
    `The scheduled \`cdktf diff\` of \`${plan.stack}\` (${plan.env}) found the deployed infrastructure differs from \`main\`: **${describeCounts(plan)}**.`,
    "",
    renderResourceList(plan),
    "",
    `Last checked: ${detectedAt} — [workflow run](${runUrl}).`,
    "",
    "Either deploy `main` again (re-run the Deploy workflow) to put the stack back, or change the model so it",
    "describes what is deployed. This issue is updated by every drift run and closed by the first clean one.",
  ].join("\n");
}

/**
 * What to do with the issues, one action per stack.
 * @param {PlanSummary[]} plans
 * @param {OpenIssue[]} openIssues open issues carrying the drift label
 * @param {{ runUrl: string; now: string }} run
 * @returns {IssueAction[]}
 */
export function planIssueActions(plans, openIssues, { runUrl, now }) {
  return plans.map((plan) => {
    const title = driftIssueTitle(plan.stack);
    const existing = openIssues.find((issue) => issue.title === title);
    if (plan.status === "error") {
      return { kind: "keep", stack: plan.stack, number: existing?.number, reason: plan.errors.join("; ") };
    }
    if (plan.status === "changes") {
      const body = driftIssueBody(plan, runUrl, now);
      return existing
        ? { kind: "update", stack: plan.stack, number: existing.number, body }
        : { kind: "create", stack: plan.stack, title, body };
    }
    return existing
      ? {
          kind: "close",
          stack: plan.stack,
          number: existing.number,
          comment: `No drift any more: \`cdktf diff\` of \`${plan.stack}\` found no changes at ${now} ([workflow run](${runUrl})).`,
        }
      : { kind: "keep", stack: plan.stack, reason: "clean" };
  });
}

/**
 * Applies planIssueActions through the REST API client that actions/github-script provides.
 * @param {{ github: any; context: any; core: any; plansDir: string; runUrl: string }} options
 */
export async function syncDriftIssues({ github, context, core, plansDir, runUrl }) {
  const { owner, repo } = context.repo;
  const plans = readPlans(plansDir);
  if (plans.length === 0) throw new Error(`no plan summaries under ${plansDir}`);
  const open = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: "open",
    labels: DRIFT_LABEL,
    per_page: 100,
  });
  const openIssues = open
    .filter((/** @type {any} */ issue) => !issue.pull_request)
    .map((/** @type {any} */ issue) => ({ number: issue.number, title: issue.title }));
  const actions = planIssueActions(plans, openIssues, { runUrl, now: new Date().toISOString() });
  if (actions.some((a) => a.kind === "create")) {
    try {
      await github.rest.issues.createLabel({ owner, repo, name: DRIFT_LABEL, color: "d93f0b" });
    } catch (error) {
      if (/** @type {any} */ (error).status !== 422) throw error; // 422: the label exists already
    }
  }
  for (const action of actions) {
    if (action.kind === "create") {
      const created = await github.rest.issues.create({
        owner,
        repo,
        title: action.title,
        body: action.body,
        labels: [DRIFT_LABEL],
      });
      core.info(`${action.stack}: drifted, opened #${created.data.number}`);
    } else if (action.kind === "update") {
      await github.rest.issues.update({ owner, repo, issue_number: action.number, body: action.body });
      core.info(`${action.stack}: still drifted, updated #${action.number}`);
    } else if (action.kind === "close") {
      await github.rest.issues.createComment({
        owner,
        repo,
        issue_number: action.number,
        body: action.comment,
      });
      await github.rest.issues.update({ owner, repo, issue_number: action.number, state: "closed" });
      core.info(`${action.stack}: clean again, closed #${action.number}`);
    } else if (action.reason !== "clean") {
      core.warning(`${action.stack}: drift check failed, issue left as it is (${action.reason})`);
    }
  }
  return actions;
}
