import { describe, expect, it } from "vitest";
import { diffStack, diffStacks, type TerraformJson } from "../src/diff/stacks.ts";
import { diffValues, formatChange } from "../src/diff/values.ts";

const meta = (path: string, uniqueId = path.split("/").pop()!) => ({
  "//": { metadata: { path, uniqueId } },
});

function computeStack(interval: number, extra: Record<string, unknown> = {}): TerraformJson {
  return {
    "//": { metadata: { version: "0.21.0", stackName: "aws-compute-staging", backend: "local" } },
    terraform: { required_providers: { aws: { source: "aws", version: "6.25.0" } } },
    provider: { aws: [{ region: "eu-west-1" }] },
    resource: {
      aws_lb_target_group: {
        web: {
          ...meta("aws-compute-staging/pools/web/tg"),
          port: 8080,
          health_check: { path: "/healthz", interval, matcher: "200-399" },
          tags: { Name: "web", "team/owner": "edge" },
        },
      },
      aws_sqs_queue: { jobs: { ...meta("aws-compute-staging/jobs"), name: "jobs" }, ...extra },
    },
    data: { aws_vpc: { main: { default: true } } },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform reference, as cdktf writes it
    output: { alb_dns: { value: "${aws_lb.main.dns_name}" } },
  };
}

describe("diffStack", () => {
  it("reports a changed attribute as path: old → new and nothing else", () => {
    const diff = diffStack("aws-compute-staging", computeStack(15), computeStack(10));
    expect(diff).toEqual({
      stack: "aws-compute-staging",
      status: "changed",
      added: [],
      removed: [],
      changed: [
        {
          address: "aws_lb_target_group.web",
          constructPath: "aws-compute-staging/pools/web/tg",
          changes: [{ path: "health_check.interval", old: 15, new: 10 }],
        },
      ],
      renamed: [],
    });
  });

  it("ignores cdktf // metadata at every level", () => {
    const base = computeStack(15);
    const head = computeStack(15);
    (head["//"] as Record<string, unknown>)["metadata"] = { version: "0.22.0", stackName: "renamed" };
    const group = (head["resource"] as Record<string, Record<string, Record<string, unknown>>>)[
      "aws_lb_target_group"
    ]!["web"]!;
    group["//"] = { metadata: { path: "moved/elsewhere", uniqueId: "web_ABC123" } };
    group["health_check"] = { "//": { note: "x" }, path: "/healthz", interval: 15, matcher: "200-399" };
    expect(diffStack("s", base, head).status).toBe("unchanged");
  });

  it("lists added and removed resources, data sources and outputs by address, sorted", () => {
    const base = computeStack(15, { legacy: { name: "legacy" } });
    const head = computeStack(15, { emails: { name: "emails" }, archive: { name: "archive" } });
    delete (head["output"] as Record<string, unknown>)["alb_dns"];
    (head["data"] as Record<string, Record<string, unknown>>)["aws_caller_identity"] = { me: {} };
    const diff = diffStack("s", base, head);
    expect(diff.added.map((b) => b.address)).toEqual([
      "aws_sqs_queue.archive",
      "aws_sqs_queue.emails",
      "data.aws_caller_identity.me",
    ]);
    expect(diff.removed.map((b) => b.address)).toEqual(["aws_sqs_queue.legacy", "output.alb_dns"]);
    expect(diff.changed).toEqual([]);
  });

  it("pairs a removed and an added block of one type with the same configuration as renamed", () => {
    const queue = (path: string) => ({ ...meta(path), name: "jobs", visibility_timeout_seconds: 30 });
    const base = { resource: { aws_sqs_queue: { jobs_1A2B3C4D: queue("s/jobs"), old: { name: "old" } } } };
    const head = {
      resource: { aws_sqs_queue: { queues_jobs_5E6F7A8B: queue("s/queues/jobs"), fresh: { name: "fresh" } } },
    };
    const diff = diffStack("s", base, head);
    expect(diff.renamed).toEqual([
      { from: "aws_sqs_queue.jobs_1A2B3C4D", to: "aws_sqs_queue.queues_jobs_5E6F7A8B" },
    ]);
    expect(diff.added.map((b) => b.address)).toEqual(["aws_sqs_queue.fresh"]);
    expect(diff.removed.map((b) => b.address)).toEqual(["aws_sqs_queue.old"]);
  });

  it("marks whole stacks as added or removed", () => {
    const diffs = diffStacks({ old: computeStack(15) }, { fresh: computeStack(15) });
    expect(diffs.map((d) => [d.stack, d.status, d.added.length, d.removed.length])).toEqual([
      ["fresh", "added", 6, 0],
      ["old", "removed", 0, 6],
    ]);
  });
});

describe("diffValues", () => {
  it("quotes keys that are not identifiers and keeps a stable order", () => {
    const changes = diffValues(
      { tags: { "team/owner": "edge", Name: "web" }, b: 1, a: [1, 2] },
      { tags: { "team/owner": "perf", Name: "web", env: "prod" }, b: 2, a: [1, 2, 3] },
    );
    expect(changes).toEqual([
      { path: "a", old: [1, 2], new: [1, 2, 3] },
      { path: "b", old: 1, new: 2 },
      { path: "tags.env", new: "prod" },
      { path: 'tags["team/owner"]', old: "edge", new: "perf" },
    ]);
  });

  it("matches object lists by name, so an insertion does not shift every rule", () => {
    const rule = (name: string, priority: number) => ({ name, priority, action: { block: {} } });
    const changes = diffValues(
      { rule: [rule("rate", 1), rule("bots", 2)] },
      { rule: [rule("geo", 0), rule("rate", 1), rule("bots", 3)] },
    );
    expect(changes).toEqual(
      [
        { path: "rule[name=rate].priority", old: 1, new: 1 },
        { path: "rule[name=bots].priority", old: 2, new: 3 },
        { path: "rule[name=geo]", new: rule("geo", 0) },
      ].filter((c) => c.old !== c.new),
    );
  });

  it("matches Cloudflare ruleset rules by ref", () => {
    const rule = (ref: string, limit: number) => ({
      ref,
      description: `${limit} per minute`,
      ratelimit: { limit },
    });
    expect(
      diffValues({ rules: [rule("rate", 5000)] }, { rules: [rule("geo", 1), rule("rate", 3000)] }),
    ).toEqual([
      { path: "rules[ref=rate].description", old: "5000 per minute", new: "3000 per minute" },
      { path: "rules[ref=rate].ratelimit.limit", old: 5000, new: 3000 },
      { path: "rules[ref=geo]", new: rule("geo", 1) },
    ]);
  });

  it("falls back to positions for object lists without unique names", () => {
    expect(diffValues({ x: [{ v: 1 }, { v: 2 }] }, { x: [{ v: 1 }, { v: 3 }] })).toEqual([
      { path: "x[1].v", old: 2, new: 3 },
    ]);
  });

  it("diffs inside embedded JSON documents such as IAM policies", () => {
    const policy = (action: string) =>
      JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: action }] });
    expect(diffValues({ policy: policy("s3:GetObject") }, { policy: policy("s3:*") })).toEqual([
      { path: "policy<json>.Statement[0].Action", old: "s3:GetObject", new: "s3:*" },
    ]);
  });
});

describe("formatChange", () => {
  it("cuts long values and shows a long string from just before its first difference", () => {
    const csp = (src: string) =>
      `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src ${src}`;
    const [before, after] = formatChange(
      { path: "csp", old: csp("'self'"), new: csp("'self' https://cdn") },
      40,
    );
    expect(before).toBe(`… 'self'; script-src 'self'"`);
    expect(after).toBe(`… 'self'; script-src 'self' https://cdn"`);
    expect(after.length).toBeLessThanOrEqual(40);
    expect(formatChange({ path: "x", old: "a".repeat(100) }, 20)).toEqual([`"${"a".repeat(18)}…`, "(none)"]);
  });
});
