import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { edgePlatformPack } from "../../src/policy/index.ts";
import { renderRulesTable } from "../../src/policy/rules-table.ts";

const rulesMd = readFileSync(new URL("../../RULES.md", import.meta.url), "utf8");
const ruleTests = readdirSync(new URL("./rules/", import.meta.url))
  .map((file) => readFileSync(new URL(`./rules/${file}`, import.meta.url), "utf8"))
  .join("\n");

describe("RULES.md", () => {
  it("is the rendering of the pack (regenerate: node stacks/src/policy/rules-table.ts)", () => {
    expect(rulesMd).toBe(renderRulesTable(edgePlatformPack));
  });

  it("lists exactly the rules of the pack, each once", () => {
    const ids = [...rulesMd.matchAll(/^\| ([A-Z]+\d+) \|/gm)].map((m) => m[1]);
    expect(ids).toEqual(edgePlatformPack.entries.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the pack", () => {
  it("has at least 25 rules across ALB, WAF, ASG, CloudWatch, ElastiCache, Cloudflare, SLO and general", () => {
    expect(edgePlatformPack.entries.length).toBeGreaterThanOrEqual(25);
    const areas = new Set(edgePlatformPack.entries.map((e) => e.id.replace(/\d+$/, "")));
    expect([...areas].sort()).toEqual(["ALB", "ASG", "CF", "CFP", "CW", "EC", "GEN", "SLO", "SNS", "WAF"]);
  });

  it("gives every rule a test case with a violating fixture", () => {
    const untested = edgePlatformPack.entries.filter((e) => !ruleTests.includes(`id: "${e.id}"`));
    expect(untested.map((e) => e.id)).toEqual([]);
  });

  it("gives every entry info, explanation and fix, and Checkov ids of the right shape", () => {
    for (const e of edgePlatformPack.entries) {
      expect(e.info.length, e.id).toBeGreaterThan(10);
      expect(e.explanation.length, e.id).toBeGreaterThan(10);
      expect(e.fix.length, e.id).toBeGreaterThan(10);
      if (e.rule.checkov !== undefined) expect(e.rule.checkov).toMatch(/^CKV2?_AWS_\d+$/);
    }
  });
});
