import { z } from "zod";
import { cron, int, minutes, nonEmptyString, percent, port, seconds } from "./primitives.ts";

export const HealthCheckSchema = z.strictObject({
  path: z.string().regex(/^\/\S*$/, { error: 'must be an absolute path such as "/healthz"' }),
  intervalSeconds: seconds(5, 300),
  timeoutSeconds: seconds(2, 120),
  healthyThreshold: int(2, 10),
  unhealthyThreshold: int(2, 10),
  matcher: z
    .string()
    .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, { error: 'must be HTTP codes such as "200" or "200-399"' }),
});

export const StickinessSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({
      type: z.literal("lb_cookie"),
      durationSeconds: seconds(1, 604_800),
      cookieName: nonEmptyString("the cookie the LB issues").describe("NGINX hashes on this cookie."),
    }),
    z.strictObject({
      type: z.literal("app_cookie"),
      durationSeconds: seconds(1, 604_800),
      cookieName: nonEmptyString("the application's session cookie name"),
    }),
  ],
  { error: "type must be none, lb_cookie or app_cookie" },
);
export type Stickiness = z.infer<typeof StickinessSchema>;

const StepSchema = (direction: "out" | "in") =>
  z.strictObject({
    threshold: z.number().min(0),
    forMinutes: minutes(1, 60).describe(
      "How long the metric must stay past the threshold (1-minute periods).",
    ),
    adjustment:
      direction === "out"
        ? int(1, 100, " instances").describe("Instances added.")
        : int(-100, -1, " instances").describe("Instances removed (negative)."),
  });

export const ScalingSchema = z.strictObject({
  instanceTypes: z
    .array(
      z
        .string()
        .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "must be an EC2 instance type such as c6i.large" }),
    )
    .min(1),
  minSize: int(0, 1000),
  maxSize: int(1, 1000),
  desiredCapacity: int(0, 1000),
  onDemandBaseCapacity: int(0, 1000),
  onDemandPercentageAboveBase: percent().describe("Share of on-demand above the base; the rest is spot."),
  spotAllocationStrategy: z.enum(["price-capacity-optimized", "capacity-optimized", "lowest-price"]),
  capacityRebalance: z.boolean(),
  rootVolumeGiB: int(8, 16_384, " GiB").describe("Encrypted gp3 root volume of each instance."),
  instanceWarmupSeconds: seconds(0, 3600),
  cpu: z.strictObject({ scaleOut: StepSchema("out"), scaleIn: StepSchema("in") }),
  memory: z.strictObject({ scaleOut: StepSchema("out"), scaleIn: StepSchema("in") }),
  queueDepth: z
    .strictObject({
      queueName: z.string().regex(/^[A-Za-z0-9_-]{1,76}$/, {
        error:
          "must be an SQS queue name: 1 to 76 letters, digits, - or _ (the stacks add -dlq for its dead-letter queue)",
      }),
      scaleOut: StepSchema("out"),
      maxReceiveCount: int(1, 1000)
        .default(5)
        .describe("Receives before a message moves to the queue's dead-letter queue (<queueName>-dlq)."),
    })
    .nullable()
    .describe("Scale out on backlog (ApproximateNumberOfMessagesVisible); null when the pool has no queue."),
  schedule: z
    .strictObject({
      scaleUpCron: cron(),
      scaleDownCron: cron(),
      timeZone: z.string().min(1),
      extraInstances: int(1, 100).describe("Added to minSize and desiredCapacity during the window."),
    })
    .nullable(),
  requestsPerSecondPerInstance: int(1, 1_000_000, " requests per second")
    .nullable()
    .default(500)
    .describe(
      "Target tracking on ALBRequestCountPerTarget: keep each instance near this rate (seed 001: 500 req/s); null turns it off.",
    ),
  predictive: z
    .strictObject({
      mode: z.enum(["ForecastOnly", "ForecastAndScale"]),
      targetCpuPercent: percent(10, 90),
      schedulingBufferSeconds: seconds(0, 3600),
    })
    .nullable(),
});
export type Scaling = z.infer<typeof ScalingSchema>;

export const UpstreamServerSchema = z.strictObject({
  host: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/, { error: "must be a host name or IP address" }),
  port: port().optional().describe("@default the pool's port"),
  weight: int(1, 100).optional().describe("@default 1"),
});

export const PoolSchema = z.strictObject({
  description: z.string(),
  port: port(),
  protocol: z.enum(["HTTP", "HTTPS"]),
  algorithm: z
    .enum(["round_robin", "least_outstanding_requests"])
    .describe("ALB algorithm; NGINX renders least_outstanding_requests as least_conn."),
  healthCheck: HealthCheckSchema,
  stickiness: StickinessSchema,
  deregistrationDelaySeconds: seconds(0, 3600),
  slowStartSeconds: z.union([z.literal(0), seconds(30, 900)], {
    error: "must be 0 or from 30 to 900 seconds",
  }),
  upstream: z
    .strictObject({
      maxFails: int(0, 100).describe(
        "NGINX passive health: failures within failTimeout that mark a server down.",
      ),
      failTimeoutSeconds: seconds(1, 3600),
      keepaliveConnections: int(0, 10_000).describe("Idle keepalive connections per NGINX worker."),
      keepaliveTimeoutSeconds: seconds(1, 3600).describe(
        "How long NGINX keeps an idle upstream connection; keep it below the servers' own keep-alive timeout.",
      ),
      connectTimeoutSeconds: seconds(1, 75),
      readTimeoutSeconds: seconds(1, 86_400),
      nextUpstreamTries: int(1, 10),
      nextUpstreamTimeoutSeconds: seconds(1, 600),
    })
    .describe("How the NGINX load balancer talks to this pool."),
  servers: z.array(UpstreamServerSchema).min(1, { error: "needs at least one server" }),
  scaling: ScalingSchema,
});
export type Pool = z.infer<typeof PoolSchema>;
