export { AlarmActionRegion } from "./AlarmActionRegion.ts";
export { CloudWatchAlarmAction } from "./CloudWatchAlarmAction.ts";
export { CloudWatchDashboardBody } from "./CloudWatchDashboardBody.ts";
export { LogGroupKms } from "./LogGroupKms.ts";
export { LogGroupRetention } from "./LogGroupRetention.ts";
