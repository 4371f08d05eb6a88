export { ALBAccessLogs } from "./ALBAccessLogs.ts";
export { ALBDeletionProtection } from "./ALBDeletionProtection.ts";
export { ALBDesyncMitigationMode } from "./ALBDesyncMitigationMode.ts";
export { ALBHttpDropInvalidHeaderEnabled } from "./ALBHttpDropInvalidHeaderEnabled.ts";
export { ALBHttpsListenerCertificate } from "./ALBHttpsListenerCertificate.ts";
export { ALBListenerHttpsOnly } from "./ALBListenerHttpsOnly.ts";
export { ALBListenerTls13Policy } from "./ALBListenerTls13Policy.ts";
export { ALBTargetGroupHealthCheck } from "./ALBTargetGroupHealthCheck.ts";
