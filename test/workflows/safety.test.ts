// The properties of the workflows that matter for safety (pinned actions, permissions, secrets, every job's
// bounds), asserted on the YAML. The delivery flow is in structure.test.ts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENT_NAMES } from "@edge/platform";
import { describe, expect, it } from "vitest";
import {
  actionFiles,
  allSteps,
  type Job,
  readWorkflow,
  repoRoot,
  unpinnedUses,
  workflowFiles,
} from "./support.ts";

const pullRequest = readWorkflow("pull-request.yml");
const deploy = readWorkflow("deploy.yml");
const drift = readWorkflow("drift.yml");
const workflows = { "pull-request.yml": pullRequest, "deploy.yml": deploy, "drift.yml": drift };
const everyJob = Object.entries(workflows).flatMap(([file, w]) =>
  Object.entries(w.jobs).map(([id, job]) => ({ file, id, job })),
);
const usesOf = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));

describe("third-party actions", () => {
  const textLines = [...workflowFiles(), ...actionFiles()].flatMap(({ path, text }) =>
    text.split("\n").map((line, index) => ({ where: `${path}:${index + 1}`, line })),
  );
  const usesLines = textLines.filter(({ line }) => /^\s*(?:-\s+)?uses:/.test(line));

  it("are all pinned to a full commit SHA with a # vX.Y.Z comment (local ./ actions excepted)", () => {
    expect(usesLines.length).toBeGreaterThan(20);
    const files = [...workflowFiles(), ...actionFiles()];
    expect(files.flatMap(({ text, path }) => unpinnedUses(text, path))).toEqual([]);
  });

  it("the pin check is live: tags, short SHAs, branches and missing version comments are refused", () => {
    const broken = [
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - uses: actions/checkout@11bd719 # v4.2.2",
      "      - uses: actions/checkout@main",
      "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
      "      - uses: docker://alpine:3.20",
      "      - uses: ./.github/actions/setup",
      "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
    ].join("\n");
    expect(unpinnedUses(broken).map((finding) => finding.split(" ")[0])).toEqual([
      "inline:2",
      "inline:3",
      "inline:4",
      "inline:5",
      "inline:6",
    ]);
  });

  it("pin one SHA and one version per action across all files", () => {
    const pins = new Map<string, Set<string>>();
    for (const { line } of usesLines) {
      const match = /uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v[\d.]+)/.exec(line);
      if (match) pins.set(match[1]!, (pins.get(match[1]!) ?? new Set()).add(`${match[2]} ${match[3]}`));
    }
    const inconsistent = [...pins].filter(([, refs]) => refs.size > 1);
    expect(inconsistent).toEqual([]);
  });

  it("local actions exist", () => {
    const local = allSteps().filter(({ step }) => step.uses?.startsWith("./"));
    expect(local.length).toBeGreaterThan(0);
    for (const { step } of local) expect(existsSync(join(repoRoot, step.uses!, "action.yml"))).toBe(true);
  });

  it("no second set-up path: no setup-node, pnpm/action-setup or hand-run pnpm install", () => {
    const steps = allSteps();
    expect(steps.filter(({ step }) => /setup-node|pnpm\/action-setup/.test(step.uses ?? ""))).toEqual([]);
    expect(steps.filter(({ step }) => /\b(pnpm|npm) (install|ci)\b/.test(step.run ?? ""))).toEqual([]);
  });
});

describe("permissions and secrets", () => {
  it("every workflow's top-level permissions are contents: read only", () => {
    for (const w of Object.values(workflows)) expect(w.permissions).toEqual({ contents: "read" });
  });

  // Each write scope is allowed only in the job that needs it, for the reason given.
  const allowedWrites: Record<string, (job: Job) => boolean> = {
    "id-token": (job) => usesOf(job, "aws-actions/configure-aws-credentials").length > 0,
    "pull-requests": (job) => usesOf(job, "marocchino/sticky-pull-request-comment").length > 0,
    issues: (job) =>
      usesOf(job, "actions/github-script").some((s) => /syncDriftIssues/.test(`${s.with?.script}`)),
  };

  it("jobs widen permissions only where needed, never write-all", () => {
    for (const { file, id, job } of everyJob) {
      if (job.permissions === undefined) continue;
      expect(typeof job.permissions, `${file} ${id}`).toBe("object");
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        if (level === "read" || level === "none") continue;
        expect(level, `${file} ${id} ${scope}`).toBe("write");
        expect(allowedWrites[scope]?.(job), `${file} ${id} may not have ${scope}: write`).toBe(true);
      }
    }
  });

  it("every job that assumes an AWS role has id-token: write", () => {
    for (const { file, id, job } of everyJob) {
      if (usesOf(job, "aws-actions/configure-aws-credentials").length === 0) continue;
      expect((job.permissions as Record<string, string>)?.["id-token"], `${file} ${id}`).toBe("write");
    }
  });

  it("AWS credentials come from OIDC role assumption, never long-lived keys", () => {
    const aws = allSteps().filter(({ step }) =>
      step.uses?.startsWith("aws-actions/configure-aws-credentials@"),
    );
    // PR plan, drift diff, one per environment's deploy
    expect(aws.length).toBe(2 + ENVIRONMENT_NAMES.length);
    for (const { step } of aws) {
      expect(step.with?.["role-to-assume"]).toMatch(/^\$\{\{ .*secrets\.AWS_\w+_ROLE_ARN/);
      expect(Object.keys(step.with ?? {})).not.toContain("aws-access-key-id");
    }
    for (const { text, path } of [...workflowFiles(), ...actionFiles()]) {
      expect(text, path).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
    }
  });

  it("secrets reach steps only through env/with, never inside a run script, and nothing traces commands", () => {
    for (const { path, job, step } of allSteps()) {
      expect(step.run ?? "", `${path} ${job} ${step.name}`).not.toMatch(/\$\{\{\s*secrets\./);
      expect(step.run ?? "", `${path} ${job} ${step.name}`).not.toMatch(
        /set -x|set -o xtrace|printenv|\benv\s*$/m,
      );
    }
  });

  it("run scripts never interpolate text a pull-request author controls", () => {
    for (const { path, job, step } of allSteps()) {
      expect(step.run ?? "", `${path} ${job} ${step.name}`).not.toMatch(
        /\$\{\{\s*github\.(event|head_ref|base_ref)/,
      );
    }
  });

  it("checkouts leave no token in .git/config for the third-party code that later steps run", () => {
    const checkouts = allSteps().filter(({ step }) => step.uses?.startsWith("actions/checkout@"));
    expect(checkouts.length).toBeGreaterThanOrEqual(9);
    for (const { path, job, step } of checkouts) {
      expect(step.with?.["persist-credentials"], `${path} ${job}`).toBe(false);
    }
  });

  it("uses pull_request, never pull_request_target (fork code never sees secrets)", () => {
    expect(Object.keys(pullRequest.on)).toEqual(["pull_request"]);
    for (const w of Object.values(workflows)) expect(Object.keys(w.on)).not.toContain("pull_request_target");
  });
});

describe("every job", () => {
  it("synthesizes with the S3 state backend, so a missing TF_STATE_BUCKET fails instead of using local state", () => {
    const synths = allSteps().filter(({ step }) => /\bpnpm synth\b/.test(step.run ?? ""));
    expect(synths.length).toBe(2 + ENVIRONMENT_NAMES.length); // PR, drift, each deploy
    for (const { step } of synths) {
      expect(step.run).toMatch(/pnpm synth --backend s3/);
      expect(step.env?.EDGE_STATE_BUCKET).toMatch(/^\$\{\{ secrets\.TF_STATE_BUCKET \}\}$/);
    }
  });

  it("has a timeout of at most an hour", () => {
    for (const { file, id, job } of everyJob) {
      expect(job["timeout-minutes"], `${file} ${id}`).toBeGreaterThan(0);
      expect(job["timeout-minutes"], `${file} ${id}`).toBeLessThanOrEqual(60);
    }
  });

  it("pins one exact Terraform version (the one these machines run) without the output wrapper", () => {
    const terraform = allSteps().filter(({ step }) => step.uses?.startsWith("hashicorp/setup-terraform@"));
    expect(terraform.length).toBe(2 + ENVIRONMENT_NAMES.length); // PR plan, drift, each deploy
    const versions = new Set(terraform.map(({ step }) => String(step.with?.terraform_version)));
    expect([...versions]).toEqual(["1.11.4"]);
    for (const { step } of terraform) expect(step.with?.terraform_wrapper).toBe(false);
  });
});
