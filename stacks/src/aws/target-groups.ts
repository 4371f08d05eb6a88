import type { Platform, Pool } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import { LbTargetGroup } from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

export interface TargetGroupsProps {
  readonly platform: Platform;
  readonly vpcId: string;
}

/** ALB names (target groups, load balancers) are limited to 32 characters. */
const MAX_ALB_NAME = 32;

/** Target-group name of one pool; the compute stack looks target groups up by this name. */
export function targetGroupName(p: Platform, pool: string): string {
  const name = awsName(p, pool);
  if (name.length > MAX_ALB_NAME) {
    throw new RangeError(
      `target group name "${name}" is ${name.length} characters; AWS allows 1 to ${MAX_ALB_NAME} — shorten name, environment or pool "${pool}"`,
    );
  }
  return name;
}

function stickiness(pool: Pool) {
  const s = pool.stickiness;
  if (s.type === "none") return { type: "lb_cookie", enabled: false };
  return {
    type: s.type,
    enabled: true,
    cookieDuration: s.durationSeconds,
    ...(s.type === "app_cookie" ? { cookieName: s.cookieName } : {}),
  };
}

/** One target group per pool (map keyed by pool name): port, health check, stickiness, draining from the model. */
export class TargetGroups extends Construct {
  readonly byPool: Record<string, LbTargetGroup> = {};

  constructor(scope: Construct, id: string, props: TargetGroupsProps) {
    super(scope, id);
    const p = props.platform;
    for (const [name, pool] of Object.entries(p.pools)) {
      const hc = pool.healthCheck;
      this.byPool[name] = new LbTargetGroup(this, name, {
        name: targetGroupName(p, name),
        vpcId: props.vpcId,
        targetType: "instance",
        port: pool.port,
        protocol: pool.protocol,
        loadBalancingAlgorithmType: pool.algorithm,
        deregistrationDelay: String(pool.deregistrationDelaySeconds),
        slowStart: pool.slowStartSeconds,
        healthCheck: {
          enabled: true,
          protocol: pool.protocol,
          port: "traffic-port",
          path: hc.path,
          interval: hc.intervalSeconds,
          timeout: hc.timeoutSeconds,
          healthyThreshold: hc.healthyThreshold,
          unhealthyThreshold: hc.unhealthyThreshold,
          matcher: hc.matcher,
        },
        stickiness: stickiness(pool),
      });
    }
  }
}
