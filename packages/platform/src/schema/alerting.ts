import { z } from "zod";

/**
 * Alert destinations: who is told when an alarm fires, per severity. `page` wakes someone (on-call), `ticket`
 * goes to a queue worked in office hours. Each environment sets its own (environments.ts); the AWS stacks make one
 * SNS topic per severity with these subscriptions, or use an existing topic.
 */
export const SEVERITIES = ["page", "ticket"] as const;
export const SeveritySchema = z
  .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` })
  .describe("page: on-call is woken; ticket: looked at in office hours.");
export type Severity = z.infer<typeof SeveritySchema>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>; names 1–256 of letters, digits, - and _). */
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

export const AlertDestinationsSchema = z
  .strictObject({
    emails: z
      .array(z.string().regex(EMAIL, { error: "must be an e-mail address such as oncall@example.com" }))
      .default([])
      .describe("E-mail subscriptions; each recipient must confirm the subscription mail once."),
    httpsEndpoints: z
      .array(
        z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, {
          error: "must be an https:// URL (SNS delivers to HTTPS endpoints that confirm the subscription)",
        }),
      )
      .default([])
      .describe(
        "HTTPS subscriptions (paging service webhooks, chat bridges); must confirm the subscription.",
      ),
    topicArn: z
      .string()
      .regex(SNS_TOPIC_ARN, {
        error: "must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:oncall",
      })
      .nullable()
      .default(null)
      .describe(
        "An existing SNS topic (owned elsewhere, e.g. by a paging service) used instead of a new one; in aws.region (alarms notify topics of their own region only).",
      ),
  })
  .superRefine((d, ctx) => {
    const subscriptions = d.emails.length + d.httpsEndpoints.length;
    if (d.topicArn !== null && subscriptions > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["topicArn"],
        input: d.topicArn,
        message: `set either topicArn or emails/httpsEndpoints (${subscriptions} given), not both: the stacks do not subscribe to a topic they do not own`,
      });
    }
    if (d.topicArn === null && subscriptions === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["emails"],
        input: d.emails,
        message:
          "needs at least one e-mail or HTTPS endpoint, or a topicArn: an alert nobody receives is never acted on",
      });
    }
  });
export type AlertDestinations = z.infer<typeof AlertDestinationsSchema>;

export const AlertingSchema = z
  .strictObject({
    page: AlertDestinationsSchema.describe("Destinations of page-severity alarms."),
    ticket: AlertDestinationsSchema.describe("Destinations of ticket-severity alarms."),
  })
  .describe("Where alarms are delivered, per severity (set per environment).");
export type Alerting = z.infer<typeof AlertingSchema>;

/**
 * An existing topic (`topicArn`) must be in the environment's region (`aws.region`): the alarms of the stacks are
 * created there, and PutMetricAlarm refuses an SNS action in another region ("Invalid region … specified"; policy
 * rule CW9). The us-east-1 synthetic-check alarms reach a topic elsewhere through a forwarder (stacks README).
 */
export function checkAlertTopicRegions(
  alerting: Alerting,
  region: string,
  report: (path: (string | number)[], message: string, input: unknown) => void,
): void {
  for (const severity of SEVERITIES) {
    const arn = alerting[severity].topicArn;
    const topicRegion = arn?.split(":")[3];
    if (arn && topicRegion !== region) {
      report(
        ["alerting", severity, "topicArn"],
        `is in ${topicRegion}; must be in aws.region (${region}): CloudWatch alarms notify SNS topics of their own region only`,
        arn,
      );
    }
  }
}
