export { AutoScalingGroupElbHealthCheck } from "./AutoScalingGroupElbHealthCheck.ts";
export { AutoScalingGroupLaunchTemplate } from "./AutoScalingGroupLaunchTemplate.ts";
export { AutoScalingGroupMultiAz } from "./AutoScalingGroupMultiAz.ts";
export { AutoScalingInstanceRefreshVersion } from "./AutoScalingInstanceRefreshVersion.ts";
export { LaunchTemplateEbsEncrypted } from "./LaunchTemplateEbsEncrypted.ts";
export { LaunchTemplateHopLimit } from "./LaunchTemplateHopLimit.ts";
export { LaunchTemplateImdsv2 } from "./LaunchTemplateImdsv2.ts";
export { LaunchTemplateNoPublicIp } from "./LaunchTemplateNoPublicIp.ts";
