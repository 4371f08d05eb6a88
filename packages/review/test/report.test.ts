import { describe, expect, it } from "vitest";
import type { TerraformJson } from "../src/diff/stacks.ts";
import { REPORT_MARKER, renderReport } from "../src/report/index.ts";
import type { PolicyFinding, ReviewData, SideResult } from "../src/types.ts";
import { section } from "./helpers/git-repo.ts";

const stack = (interval: number, queues: string[]): TerraformJson => ({
  resource: {
    aws_lb_target_group: { web: { health_check: { interval }, name: "web|tg" } },
    aws_sqs_queue: Object.fromEntries(queues.map((q) => [q, { name: q }])),
  },
});

const finding = (
  stackName: string,
  ruleId: string,
  address: string,
  info = "something is off",
): PolicyFinding => ({
  stack: stackName,
  ruleId,
  severity: ruleId.startsWith("E") ? "error" : "warning",
  address,
  info,
  fix: "fix it",
});

const nginxFiles = (timeout: number) => ({
  "nginx.conf": "events {}\nhttp {\n  include snippets/proxy.conf;\n}\n",
  "snippets/proxy.conf": `proxy_http_version 1.1;\nproxy_read_timeout ${timeout}s;\n`,
});

function side(overrides: Partial<SideResult>): SideResult {
  return {
    ref: "main",
    commit: "0123456789abcdef0123456789abcdef01234567",
    stacks: { status: "ok", value: {} },
    policy: { status: "ok", value: { findings: [], suppressed: [] } },
    nginx: { status: "ok", value: {} },
    worker: {
      status: "ok",
      value: { files: [{ name: "index.js", bytes: 1000, gzipBytes: 400 }], bytes: 1000, gzipBytes: 400 },
    },
    ...overrides,
  };
}

const full: ReviewData = {
  base: side({
    stacks: {
      status: "ok",
      value: { "edge-staging": stack(15, ["jobs", "legacy"]), "edge-production": stack(30, []) },
    },
    policy: {
      status: "ok",
      value: {
        findings: [
          finding("edge-staging", "W1", "aws_lb_target_group.web"),
          finding("edge-staging", "E2", "aws_sqs_queue.legacy"),
        ],
        suppressed: [],
      },
    },
    nginx: { status: "ok", value: { staging: { status: "ok", value: nginxFiles(60) } } },
  }),
  head: side({
    ref: "working tree",
    commit: "fedcba9876543210fedcba9876543210fedcba98",
    dirty: true,
    stacks: {
      status: "ok",
      value: { "edge-staging": stack(10, ["jobs", "emails"]), "edge-production": stack(30, []) },
    },
    policy: {
      status: "ok",
      value: {
        findings: [
          finding("edge-staging", "W1", "aws_lb_target_group.web"),
          finding("edge-staging", "E2", "aws_sqs_queue.emails", "a | pipe in the text"),
        ],
        suppressed: [
          { ...finding("edge-staging", "E3", "aws_sqs_queue.jobs"), reason: "no personal data in jobs" },
        ],
      },
    },
    nginx: {
      status: "ok",
      value: {
        staging: { status: "ok", value: nginxFiles(30) },
        production: { status: "ok", value: nginxFiles(60) },
      },
    },
    worker: {
      status: "ok",
      value: { files: [{ name: "index.js", bytes: 1250, gzipBytes: 410 }], bytes: 1250, gzipBytes: 410 },
    },
  }),
};

describe("renderReport", () => {
  const report = renderReport(full);

  it("opens with a marker, the two trees and a summary table", () => {
    expect(report.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(report).toContain(
      "## Edge review: `main` (`0123456`) → `working tree` (`fedcba9` + uncommitted changes)",
    );
    expect(report).toContain("| Stacks | 1 of 2 stacks changed: 1 added, 1 removed, 1 changed |");
    expect(report).toContain("| Policy (head) | 2 findings (1 new, 1 resolved), 1 suppressed |");
    expect(report).toContain("| NGINX | production: new, 2 files; staging: 1 file changed (+1 −1) |");
    expect(report).toContain("| Worker bundle | gzip 400 B → 410 B, +10 B (+2.5%) |");
  });

  it("lists the stack changes", () => {
    expect(section(report, "Stacks").trim()).toBe(
      [
        "### `edge-staging` — +1 −1 ~1",
        "",
        "**Added**",
        "- `aws_sqs_queue.emails`",
        "",
        "**Removed**",
        "- `aws_sqs_queue.legacy`",
        "",
        "**Changed**",
        "- `aws_lb_target_group.web`",
        "  - `health_check.interval`: `15` → `10`",
        "",
        "Unchanged: `edge-production`.",
      ].join("\n"),
    );
  });

  it("marks new findings, escapes table cells and lists resolved findings and suppressions", () => {
    const policy = section(report, "Policy");
    expect(policy).toContain(
      "| new | error | `E2` | `edge-staging` | `aws_sqs_queue.emails` | a \\| pipe in the text | fix it |",
    );
    expect(policy).toContain(
      "|  | warning | `W1` | `edge-staging` | `aws_lb_target_group.web` | something is off | fix it |",
    );
    expect(policy).toContain("**Resolved since base**\n\n- `E2` on `edge-staging` `aws_sqs_queue.legacy`");
    expect(policy).toContain(
      "| new | `E3` | `edge-staging` | `aws_sqs_queue.jobs` | no personal data in jobs |",
    );
  });

  it("shows NGINX changes as unified diffs and lists a new environment's files without printing them", () => {
    const nginx = section(report, "NGINX");
    expect(nginx).toContain(
      "```diff\n--- base/staging/snippets/proxy.conf\n+++ head/staging/snippets/proxy.conf\n@@ -1,2 +1,2 @@\n" +
        " proxy_http_version 1.1;\n-proxy_read_timeout 60s;\n+proxy_read_timeout 30s;\n```",
    );
    expect(nginx).toContain("### `production` (new environment)");
    expect(nginx).toContain(
      "<details><summary>2 generated files, 6 lines (not printed)</summary>\n\n- `nginx.conf` (4 lines)\n- `snippets/proxy.conf` (2 lines)",
    );
    expect(nginx).not.toContain("+++ head/production/nginx.conf");
    expect(nginx.indexOf("### `production`")).toBeLessThan(nginx.indexOf("### `staging`"));
  });

  it("never prints the origin-auth values file (its lines are the secrets NGINX accepts)", () => {
    const secret = (c: string) => c.repeat(64);
    const withValues = (value: string) => ({
      ...nginxFiles(60),
      "origin-auth.values.conf": `"${value}" 1;\n`,
    });
    const sides = {
      base: side({
        nginx: { status: "ok", value: { staging: { status: "ok", value: withValues(secret("a")) } } },
      }),
      head: side({
        nginx: {
          status: "ok",
          value: {
            staging: { status: "ok", value: withValues(secret("b")) },
            production: { status: "ok", value: withValues(secret("c")) },
          },
        },
      }),
    } satisfies ReviewData;
    const nginx = section(renderReport(sides), "NGINX");
    expect(nginx).toContain("origin-auth.values.conf");
    for (const c of ["a", "b", "c"]) expect(nginx).not.toContain(secret(c));
  });

  it("tabulates the worker bundle size change", () => {
    expect(section(report, "Worker bundle")).toContain(
      "| Bundle | 1,000 B | 1,250 B (1.2 KiB) | +250 B (+25.0%) |\n| Gzipped | 400 B | 410 B | +10 B (+2.5%) |",
    );
  });

  it('says "not available at <ref>" for every piece an old base lacks', () => {
    const missing = { status: "missing" as const, reason: "no such piece yet" };
    const old = renderReport({
      base: side({ ref: "v0.1", stacks: missing, policy: missing, nginx: missing, worker: missing }),
      head: full.head,
    });
    const expected = "not available at `v0.1` (no such piece yet)";
    expect(section(old, "Stacks")).toContain(`Stacks: ${expected}, so there is nothing to compare.`);
    expect(section(old, "Stacks")).toContain(
      "- `edge-production`: 1 resource\n- `edge-staging`: 3 resources",
    );
    expect(section(old, "Policy")).toContain(`Base: ${expected}, so nothing is marked new.`);
    expect(section(old, "Policy")).toContain("| — | error | `E2` |");
    expect(section(old, "NGINX")).toContain(`NGINX: ${expected}, so there is nothing to compare.`);
    expect(section(old, "Worker bundle")).toContain(`Base: ${expected}.`);
  });

  it("reports a head that fails to build instead of failing itself", () => {
    const broken = renderReport({
      base: full.base,
      head: side({
        ref: "feature",
        stacks: { status: "failed", error: "synth: Error: pools.web.scaling.maxSize 0 is below 1" },
        policy: { status: "missing", reason: "synth failed" },
      }),
    });
    expect(section(broken, "Stacks")).toContain(
      "Stacks: failed at `feature`: synth: Error: pools.web.scaling.maxSize 0 is below 1.",
    );
    expect(broken).toContain("| Policy (head) | not available at `feature` (synth failed) |");
  });

  it("lists renamed blocks with the replacement warning", () => {
    const queue = (id: string) => ({ resource: { aws_sqs_queue: { [id]: { name: "jobs" } } } });
    const renamed = renderReport({
      base: side({ stacks: { status: "ok", value: { s: queue("jobs_1") } } }),
      head: side({ stacks: { status: "ok", value: { s: queue("jobs_2") } } }),
    });
    expect(section(renamed, "Stacks")).toContain("### `s` — +0 −0 ~0 ↻1");
    expect(section(renamed, "Stacks")).toContain("- `aws_sqs_queue.jobs_1` → `aws_sqs_queue.jobs_2`");
    expect(renamed).toContain("| Stacks | 1 of 1 stack changed: 0 added, 0 removed, 0 changed, 1 renamed |");
  });

  it("caps very long lists with a count of what was left out", () => {
    const many = (n: number) => ({
      resource: { aws_sqs_queue: Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, {}])) },
    });
    const capped = renderReport(
      {
        base: side({ stacks: { status: "ok", value: { s: many(0) } } }),
        head: side({ stacks: { status: "ok", value: { s: many(12) } } }),
      },
      { blocksPerList: 5 },
    );
    expect(section(capped, "Stacks")).toContain("- `aws_sqs_queue.q4`\n- … and 7 more");
  });
});
