import { describe, expect, it } from "vitest";
import { type EnvironmentOverrides, PlatformConfigError, resolvePlatform } from "../src/index.ts";

function problems(overrides: unknown) {
  try {
    resolvePlatform("production", { overrides: overrides as EnvironmentOverrides });
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return (error as PlatformConfigError).problems;
  }
  throw new Error("expected the model to be rejected");
}

describe("alerting: destinations per environment and severity", () => {
  it("pages on-call in production; staging sends both severities to the team", () => {
    const prod = resolvePlatform("production").alerting;
    expect(prod.page).toEqual({ emails: ["oncall@example.com"], httpsEndpoints: [], topicArn: null });
    expect(prod.ticket.emails).toEqual(["platform-team@example.com"]);
    const staging = resolvePlatform("staging").alerting;
    expect(staging.page.emails).toEqual(["platform-team@example.com"]);
  });

  it("accepts an existing topic instead of subscriptions", () => {
    const arn = "arn:aws:sns:eu-west-1:123456789012:pager";
    const p = resolvePlatform("production", {
      overrides: { alerting: { page: { emails: [], topicArn: arn } } },
    });
    expect(p.alerting.page.topicArn).toBe(arn);
  });

  it("refuses an existing topic outside the environment's region: its alarms could not notify it", () => {
    const arn = "arn:aws:sns:us-east-1:123456789012:pager";
    expect(problems({ alerting: { page: { emails: [], topicArn: arn } } })).toEqual([
      {
        path: "alerting.page.topicArn",
        value: arn,
        message:
          "is in us-east-1; must be in aws.region (eu-west-1): CloudWatch alarms notify SNS topics of their own region only",
      },
    ]);
    // The same topic is fine for an environment in us-east-1.
    const p = resolvePlatform("production", {
      overrides: { aws: { region: "us-east-1" }, alerting: { page: { emails: [], topicArn: arn } } },
    });
    expect(p.alerting.page.topicArn).toBe(arn);
  });

  it("refuses a severity nobody receives, naming the field", () => {
    const found = problems({ alerting: { ticket: { emails: [] } } });
    expect(found).toContainEqual(
      expect.objectContaining({
        path: "alerting.ticket.emails",
        message: expect.stringMatching(/at least one/),
      }),
    );
  });

  it("refuses a topic ARN together with subscriptions, and malformed addresses", () => {
    const both = problems({ alerting: { page: { topicArn: "arn:aws:sns:eu-west-1:123456789012:pager" } } });
    expect(both).toContainEqual(
      expect.objectContaining({
        path: "alerting.page.topicArn",
        message: expect.stringMatching(/either topicArn/),
      }),
    );
    expect(problems({ alerting: { page: { emails: ["oncall"] } } })).toContainEqual(
      expect.objectContaining({ path: "alerting.page.emails[0]", value: "oncall" }),
    );
    expect(
      problems({ alerting: { page: { httpsEndpoints: ["http://pager.example.com/hook"] } } }),
    ).toContainEqual(
      expect.objectContaining({
        path: "alerting.page.httpsEndpoints[0]",
        message: expect.stringMatching(/https/),
      }),
    );
    expect(problems({ alerting: { page: { emails: [], topicArn: "oncall-topic" } } })).toContainEqual(
      expect.objectContaining({
        path: "alerting.page.topicArn",
        message: expect.stringMatching(/SNS topic ARN/),
      }),
    );
  });
});

describe("alarm thresholds", () => {
  it("defaults every new alarm (evictions at 10 %, in-service below minimum pages)", () => {
    const a = resolvePlatform("production").alarms;
    expect(a.cacheEvictions).toEqual({ thresholdPercent: 10, forMinutes: 5, severity: "ticket" });
    expect(a.healthyTargets).toEqual({ belowCount: 1, forMinutes: 1, severity: "page" });
    expect(a.inServiceBelowMinimum.severity).toBe("page");
    expect(a.latencyP95.severity).toBe("page");
    expect(a.wafBlockedSpike.bandStandardDeviations).toBe(3);
  });

  it("refuses out-of-range thresholds with the range and an unknown severity", () => {
    expect(problems({ alarms: { cacheEvictions: { thresholdPercent: 0 } } })).toContainEqual(
      expect.objectContaining({
        path: "alarms.cacheEvictions.thresholdPercent",
        message: expect.stringMatching(/1 to 100 percent/),
      }),
    );
    expect(problems({ alarms: { cpu: { severity: "sms" } } })).toContainEqual(
      expect.objectContaining({
        path: "alarms.cpu.severity",
        message: expect.stringMatching(/page, ticket/),
      }),
    );
  });

  it("scales on request rate per instance (seed 001: 500 req/s) unless null", () => {
    expect(resolvePlatform("production").pools.web?.scaling.requestsPerSecondPerInstance).toBe(500);
    expect(problems({ pools: { web: { scaling: { requestsPerSecondPerInstance: 0 } } } })).toContainEqual(
      expect.objectContaining({ path: "pools.web.scaling.requestsPerSecondPerInstance", value: 0 }),
    );
  });
});
