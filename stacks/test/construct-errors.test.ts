// Impossible props fail at construction with a message naming the prop, the value, the unit and the bounds.
import { resolvePlatform } from "@edge/platform";
import { describe, expect, it } from "vitest";
import { PlatformKey } from "../src/aws/platform-key.ts";
import { integerAbove, rateLimitPerIp } from "../src/aws/waf-statements.ts";
import { inScratchStack, synthStacks } from "./synth.ts";

const platform = resolvePlatform("production");

describe("construct errors", () => {
  it("refuses a target-group name over AWS's 32 characters, naming the name and the limit", () => {
    expect(() =>
      synthStacks({
        environments: ["production"],
        layers: ["aws-edge"],
        overrides: { name: "averyveryverylongproduct" },
      }),
    ).toThrow(
      /target group name "averyveryverylongproduct-production-web" is 39 characters; AWS allows 1 to 32/,
    );
  });

  it("refuses a schedule that lifts desired capacity above maxSize, printing both values", () => {
    expect(() =>
      synthStacks({
        environments: ["staging"],
        layers: ["aws-compute"],
        // The model checks minSize + extraInstances; desiredCapacity is checked here.
        overrides: { pools: { web: { scaling: { desiredCapacity: 3, schedule: { extraInstances: 2 } } } } },
      }),
    ).toThrow(
      /pools\.web\.scaling\.schedule\.extraInstances: 2 lifts desiredCapacity \(3\) to 5, above maxSize \(4\)/,
    );
  });

  it("refuses a managed rule group on a built-in rule's priority", () => {
    expect(() =>
      synthStacks({
        environments: ["production"],
        layers: ["aws-edge"],
        overrides: { waf: { managedRuleGroups: { AWSManagedRulesSQLiRuleSet: { priority: 2 } } } },
      }),
    ).toThrow(
      /waf\.managedRuleGroups\.AWSManagedRulesSQLiRuleSet\.priority: 2 is taken by a built-in rule \(0, 1, 2, 3\)/,
    );
  });

  it("refuses a cache rule expression over Cloudflare's 4096 characters", () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ exact: `/page-${i}` }));
    expect(() =>
      synthStacks({
        environments: ["production"],
        layers: ["cloudflare-edge"],
        overrides: { routeClasses: { html: { match: [{ noExtension: true }, ...many] } } },
      }),
    ).toThrow(/cache rule cache_\w+: the expression is \d+ characters; Cloudflare allows 1 to 4096/);
  });

  it("checks props of the building blocks", () => {
    expect(() =>
      inScratchStack(
        (scope) => new PlatformKey(scope, "key", { platform, purpose: "x", deletionWindowDays: 3 }),
      ),
    ).toThrow("deletionWindowDays: 3 days must be a whole number from 7 to 30");
    expect(() => rateLimitPerIp(5, 60)).toThrow(
      "rate limit: 5 requests must be a whole number from 10 to 2000000000",
    );
    expect(() => integerAbove(-1)).toThrow("integerAbove: -1 must be a whole number ≥ 0");
  });
});
