import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { resolvePlatform } from "@edge/platform";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PURGE_LIMITS, PurgeInputError, planPurge, runPurge } from "../src/index.ts";
import { startCloudflareStandIn } from "./support/cloudflare-stand-in.ts";

const run = promisify(execFile);
const CLI = new URL("../src/purge/cli.ts", import.meta.url).pathname;
const ZONE_ID = "0123456789abcdef0123456789abcdef";
const TOKEN = "cf-test-token";
const staging = resolvePlatform("staging");
const noWait = { sleep: async () => {}, baseDelayMs: 1, attempts: 4 };

describe("planPurge: validation and batching", () => {
  const limits = PURGE_LIMITS.free;
  it("splits 250 tags into Cloudflare calls of at most 100 and worker calls of at most 100", () => {
    const tags = Array.from({ length: 250 }, (_, i) => `t-${i}`);
    const plan = planPurge(staging, { tags }, limits);
    expect(plan.cloudflare.map((b) => ("tags" in b ? b.tags.length : 0))).toEqual([100, 100, 50]);
    expect(plan.worker.map((b) => b.tags.length)).toEqual([100, 100, 50]);
  });
  it("sends one kind per Cloudflare body and maps hosts, URLs and prefixes for the worker", () => {
    const plan = planPurge(
      staging,
      {
        prefixes: ["/api/"],
        hosts: ["cdn.staging.example.com"],
        urls: ["https://staging.example.com/a?b=1"],
      },
      limits,
    );
    expect(plan.cloudflare).toEqual([
      { prefixes: ["staging.example.com/api/"] },
      { hosts: ["cdn.staging.example.com"] },
      { files: ["https://staging.example.com/a?b=1"] },
    ]);
    expect(plan.worker).toEqual([{ tags: [], prefixes: ["/api/", "/a", "/"] }]);
  });
  it("purges a class by its model tags and its prefixes; everything is one call", () => {
    const plan = planPurge(staging, { classes: ["api"] }, limits);
    expect(plan.cloudflare).toEqual([{ tags: ["api"] }, { prefixes: ["staging.example.com/api/"] }]);
    expect(planPurge(staging, { everything: true }, limits)).toEqual({
      cloudflare: [{ purge_everything: true }],
      worker: [{ tags: [], prefixes: ["/"] }],
    });
  });
  it("uses the plan's URL limit (Enterprise: 500 per call)", () => {
    const urls = Array.from({ length: 600 }, (_, i) => `https://staging.example.com/p/${i}`);
    const sizes = (plan: string) =>
      planPurge(staging, { urls }, PURGE_LIMITS[plan as "free"]).cloudflare.map((b) =>
        "files" in b ? b.files.length : 0,
      );
    expect(sizes("free")).toEqual([100, 100, 100, 100, 100, 100]);
    expect(sizes("enterprise")).toEqual([500, 100]);
  });
  const bad: [string, object, RegExp][] = [
    ["a tag with a space", { tags: ["a b"] }, /--tag "a b": must be 1-1024 visible ASCII/],
    ["a tag with a comma", { tags: ["a,b"] }, /without commas/],
    ["a prefix with a scheme", { prefixes: ["https://staging.example.com/x"] }, /without a scheme/],
    ["a prefix with a wildcard", { prefixes: ["/x/*"] }, /no query string, wildcard/],
    ["a prefix outside the zone", { prefixes: ["evil.com/x"] }, /outside the zone staging.example.com/],
    ["a host outside the zone", { hosts: ["example.org"] }, /--host example.org: outside the zone/],
    ["a relative URL", { urls: ["/x"] }, /--url "\/x": must be an absolute/],
    ["an unknown class", { classes: ["pages"] }, /--class pages: not a route class; known: .*api/],
    ["nothing at all", {}, /nothing to purge/],
  ];
  for (const [name, selection, message] of bad) {
    it(`refuses ${name}`, () => {
      expect(() => planPurge(staging, selection, limits)).toThrow(PurgeInputError);
      expect(() => planPurge(staging, selection, limits)).toThrow(message);
    });
  }
});

describe("runPurge against a local stand-in for Cloudflare's API", () => {
  let cf: Awaited<ReturnType<typeof startCloudflareStandIn>>;
  beforeAll(async () => {
    cf = await startCloudflareStandIn({ token: TOKEN });
  });
  afterAll(() => cf.close());
  beforeEach(() => {
    cf.calls.length = 0;
  });
  const purge = (selection: object) =>
    runPurge({
      platform: staging,
      selection,
      cloudflare: { apiToken: TOKEN, zoneId: ZONE_ID, apiBase: cf.apiBase },
      worker: null,
      retry: noWait,
    });

  it("sends every batch to the zone with the bearer token and reports each confirmed call", async () => {
    const report = await purge({ tags: Array.from({ length: 150 }, (_, i) => `t${i}`) });
    expect(report.ok).toBe(true);
    expect(cf.calls.map((c) => [c.zoneId, c.authorization, (c.body.tags as string[]).length])).toEqual([
      [ZONE_ID, `Bearer ${TOKEN}`, 100],
      [ZONE_ID, `Bearer ${TOKEN}`, 50],
    ]);
    expect(report.purged).toHaveLength(2);
  });
  it("retries 429 (Retry-After) and 5xx, then succeeds", async () => {
    cf.program({ status: 429, headers: { "Retry-After": "0" } }, { status: 502 });
    const report = await purge({ tags: ["products"] });
    expect(report.ok).toBe(true);
    expect(report.calls[0]?.result.attempts).toBe(3);
    expect(cf.calls).toHaveLength(3);
  });
  it("gives up after its attempts on persistent 5xx and reports nothing as purged", async () => {
    cf.program(...Array.from({ length: 4 }, () => ({ status: 503 })));
    const report = await purge({ tags: ["products"] });
    expect(report.ok).toBe(false);
    expect(report.purged).toEqual([]);
    expect(report.failed[0]?.result.error).toMatch(/HTTP 503.*gave up after 4 attempts/);
  });
  it("does not retry an authentication error and names Cloudflare's code", async () => {
    const report = await runPurge({
      platform: staging,
      selection: { tags: ["x"] },
      cloudflare: { apiToken: "wrong", zoneId: ZONE_ID, apiBase: cf.apiBase },
      worker: null,
      retry: noWait,
    });
    expect(report.ok).toBe(false);
    expect(cf.calls).toHaveLength(1);
    expect(report.failed[0]?.result.error).toBe("HTTP 403: 10000 Authentication error");
  });
  it("keeps going after a failed batch, and only the confirmed batches count as purged", async () => {
    cf.program({ status: 400, errors: [{ code: 1134, message: "too many" }] });
    const report = await purge({ tags: ["a"], hosts: ["staging.example.com"] });
    expect(report.ok).toBe(false);
    expect(report.failed.map((c) => c.what)).toEqual(["1 tag(s): a"]);
    expect(report.purged.map((c) => c.what)).toEqual(["1 host(s): staging.example.com"]);
  });

  it("the CLI: exit 2 with a clear message without a token, exit 0 with the stand-in", async () => {
    const env = { ...process.env, CLOUDFLARE_API_TOKEN: "", CLOUDFLARE_ZONE_ID: ZONE_ID };
    const failed = await run(process.execPath, [CLI, "--env", "staging", "--tag", "x", "--no-worker"], {
      env,
    }).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/CLOUDFLARE_API_TOKEN is not set/);
    const bad = await run(process.execPath, [CLI, "--env", "staging", "--prefix", "https://x"], {
      env,
    }).catch((e) => e);
    expect(bad.code).toBe(2);
    const ok = await run(process.execPath, [CLI, "--env", "staging", "--deploy", "--no-worker"], {
      env: { ...env, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE: cf.apiBase },
    });
    expect(ok.stdout).toMatch(/purge: 2 call\(s\) confirmed/);
    expect(cf.calls.map((c) => c.body)).toEqual([
      { tags: ["html", "api"] },
      { prefixes: ["staging.example.com/api/"] },
    ]);
  });
});
