import type { Severity } from "@edge/platform";

/** Where an alarm of a given severity notifies: `AlertTopics` implements it (`topicFor`). */
export interface AlertRouting {
  topicFor(severity: Severity): string;
}

/** `alarm_actions` and `ok_actions` of an operator alarm of `severity` (recoveries reach the same people). */
export const notifyActions = (alerts: AlertRouting, severity: Severity) => ({
  alarmActions: [alerts.topicFor(severity)],
  okActions: [alerts.topicFor(severity)],
});
