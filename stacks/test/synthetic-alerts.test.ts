// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk synthesized Terraform JSON; a wrong path fails an assertion.
// Where the us-east-1 synthetic-check alarms notify when the model's alert topics already exist (no topics of
// ours): a valid model must synthesize through the pack (SNS1: no topic without a subscriber) and the alarms must
// still reach the page topic.
import { describe, expect, it } from "vitest";
import { resourceList, type StackJson, synthStacks } from "./synth.ts";

type Any = Record<string, any>;
const PAGER_EU = "arn:aws:sns:eu-west-1:123456789012:pager";
const TICKETS_EU = "arn:aws:sns:eu-west-1:123456789012:tickets";
const PAGER_US = "arn:aws:sns:us-east-1:123456789012:pager";
const TICKETS_US = "arn:aws:sns:us-east-1:123456789012:tickets";

/** The production compute stack (SLOs, synthetic checks) with both severities on existing topics. */
function withExistingTopics(page: string, ticket: string): StackJson {
  // The model requires the topics in the environment's region (aws.region), where its other alarms are.
  return synthStacks({
    layers: ["aws-compute"],
    environments: ["production"],
    overrides: {
      aws: { region: page.split(":")[3] },
      alerting: { page: { emails: [], topicArn: page }, ticket: { emails: [], topicArn: ticket } },
    },
  })["production-aws-compute"] as StackJson;
}
const syntheticAlarms = (json: StackJson) =>
  (resourceList(json, "aws_cloudwatch_metric_alarm") as Any[]).filter((a) =>
    a.alarm_name.startsWith("shop-production-synthetic-"),
  );

describe("synthetic-check alarms with existing alert topics only", () => {
  it("page topic outside us-east-1: synthesizes through the pack; a us-east-1 Lambda republishes to the page topic", () => {
    // synthStacks runs the pack: SNS1 would throw on a topic without a subscriber.
    const json = withExistingTopics(PAGER_EU, TICKETS_EU);
    const alarms = syntheticAlarms(json);
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.provider).toBe("aws.us_east_1");
      expect(alarm.alarm_actions).toEqual([expect.stringContaining("aws_sns_topic.slo_synthetic_topic")]);
    }
    const subscriptions = (resourceList(json, "aws_sns_topic_subscription") as Any[]).filter((s) =>
      s.topic_arn.includes("slo_synthetic_topic"),
    );
    expect(subscriptions.map((s) => [s.protocol, s.provider])).toEqual([["lambda", "aws.us_east_1"]]);
    const [fn] = resourceList(json, "aws_lambda_function") as Any[];
    expect(subscriptions[0]!.endpoint).toContain("aws_lambda_function.");
    expect(fn).toMatchObject({
      provider: "aws.us_east_1",
      runtime: "nodejs22.x",
      handler: "index.handler",
      environment: { variables: { TARGET_TOPIC_ARN: PAGER_EU } },
    });
    const policy = JSON.parse(
      (resourceList(json, "aws_iam_role_policy") as Any[]).find((r) => r.name === "forward-alerts")!.policy,
    );
    expect(policy.Statement).toContainEqual({ Effect: "Allow", Action: "sns:Publish", Resource: PAGER_EU });
    const [permission] = resourceList(json, "aws_lambda_permission") as Any[];
    expect(permission).toMatchObject({ principal: "sns.amazonaws.com", action: "lambda:InvokeFunction" });
    expect(permission!.source_arn).toContain("aws_sns_topic.slo_synthetic_topic");
    // Page alarms stay page alarms: the function republishes to the page topic, never the ticket one.
    expect(JSON.stringify(fn)).not.toContain(TICKETS_EU);
  });

  it("environment in us-east-1: the synthetic alarms notify its page topic directly, no topic or key of their own", () => {
    const json = withExistingTopics(PAGER_US, TICKETS_US);
    for (const alarm of syntheticAlarms(json)) {
      expect(alarm.alarm_actions).toEqual([PAGER_US]);
      expect(alarm.ok_actions).toEqual([PAGER_US]);
    }
    const synthetic = (type: string) =>
      Object.keys((json.resource as Any)?.[type] ?? {}).filter((id) => id.startsWith("slo_synthetic"));
    expect(synthetic("aws_sns_topic")).toEqual([]);
    expect(synthetic("aws_kms_key")).toEqual([]);
    expect(resourceList(json, "aws_lambda_function")).toEqual([]);
  });
});
