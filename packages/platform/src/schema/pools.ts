import { z } from "zod";
import { cron, int, minutes, nonEmptyString, percent, port, seconds } from "./primitives.ts";

export const HealthCheckSchema = z.strictObject({
  path: z
    .string()
    .regex(/^\/\S*$/, { error: 'must be an absolute path such as "/healthz"' })
    .describe("Path the ALB and the probes request on each server."),
  intervalSeconds: seconds(5, 300).describe("Seconds between two health checks of one server."),
  timeoutSeconds: seconds(2, 120).describe("A check without an answer within this counts as failed."),
  healthyThreshold: int(2, 10).describe("Consecutive successes that bring a server back."),
  unhealthyThreshold: int(2, 10).describe("Consecutive failures that take a server out."),
  matcher: z
    .string()
    .regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, { error: 'must be HTTP codes such as "200" or "200-399"' })
    .describe("HTTP codes that count as healthy."),
});

export const StickinessSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("none").describe("none: any server may answer any request.") }),
    z.strictObject({
      type: z.literal("lb_cookie").describe("lb_cookie: the load balancer issues its own cookie."),
      durationSeconds: seconds(1, 604_800).describe("How long the cookie keeps a client on one server."),
      cookieName: nonEmptyString("the cookie the LB issues").describe("NGINX hashes on this cookie."),
    }),
    z.strictObject({
      type: z.literal("app_cookie").describe("app_cookie: stick on the application's session cookie."),
      durationSeconds: seconds(1, 604_800).describe("How long the cookie keeps a client on one server."),
      cookieName: nonEmptyString("the application's session cookie name"),
    }),
  ],
  { error: "type must be none, lb_cookie or app_cookie" },
);
export type Stickiness = z.infer<typeof StickinessSchema>;

const StepSchema = (direction: "out" | "in") =>
  z.strictObject({
    threshold: z
      .number()
      .min(0)
      .describe(
        "Metric value past which the step applies (percent for CPU and memory, messages for a queue).",
      ),
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
    .min(1)
    .describe("EC2 instance types the group may launch (spot diversifies across them), preferred first."),
  minSize: int(0, 1000).describe("Fewest instances of the Auto Scaling group."),
  maxSize: int(1, 1000).describe("Most instances of the Auto Scaling group."),
  desiredCapacity: int(0, 1000).describe("Instances at creation (then managed by the scaling policies)."),
  onDemandBaseCapacity: int(0, 1000).describe("Instances always on demand, before the spot share applies."),
  onDemandPercentageAboveBase: percent().describe("Share of on-demand above the base; the rest is spot."),
  spotAllocationStrategy: z
    .enum(["price-capacity-optimized", "capacity-optimized", "lowest-price"])
    .describe("How spot capacity is chosen across the instance types."),
  capacityRebalance: z
    .boolean()
    .describe("Replace spot instances proactively when AWS signals an interruption risk."),
  rootVolumeGiB: int(8, 16_384, " GiB").describe("Encrypted gp3 root volume of each instance."),
  instanceWarmupSeconds: seconds(0, 3600).describe(
    "Seconds before a new instance's metrics count towards scaling.",
  ),
  cpu: z.strictObject({ scaleOut: StepSchema("out"), scaleIn: StepSchema("in") }),
  memory: z.strictObject({ scaleOut: StepSchema("out"), scaleIn: StepSchema("in") }),
  queueDepth: z
    .strictObject({
      queueName: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,76}$/, {
          error:
            "must be an SQS queue name: 1 to 76 letters, digits, - or _ (the stacks add -dlq for its dead-letter queue)",
        })
        .describe(
          "SQS queue whose backlog scales the pool; derived per environment (<name>-<pool>-jobs-<environment>) unless set.",
        ),
      scaleOut: StepSchema("out"),
      maxReceiveCount: int(1, 1000)
        .default(5)
        .describe("Receives before a message moves to the queue's dead-letter queue (<queueName>-dlq)."),
    })
    .nullable()
    .describe("Scale out on backlog (ApproximateNumberOfMessagesVisible); null when the pool has no queue."),
  schedule: z
    .strictObject({
      scaleUpCron: cron().describe("When the scheduled window starts (cron, in timeZone)."),
      scaleDownCron: cron().describe("When the scheduled window ends."),
      timeZone: z.string().min(1).describe("IANA time zone of the two cron expressions."),
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
      mode: z
        .enum(["ForecastOnly", "ForecastAndScale"])
        .describe("ForecastOnly: forecast without acting; ForecastAndScale: scale ahead of the forecast."),
      targetCpuPercent: percent(10, 90).describe("CPU utilisation predictive scaling aims for."),
      schedulingBufferSeconds: seconds(0, 3600).describe(
        "How long before the forecast load instances are launched.",
      ),
    })
    .nullable(),
});
export type Scaling = z.infer<typeof ScalingSchema>;

export const UpstreamServerSchema = z.strictObject({
  host: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/, { error: "must be a host name or IP address" })
    .describe("Host name or IP address of one server of the pool."),
  port: port().optional().describe("@default the pool's port"),
  weight: int(1, 100).optional().describe("@default 1"),
});

export const PoolSchema = z.strictObject({
  description: z.string().describe("One line for reviewers: what the pool runs."),
  port: port().describe("Port the pool's servers listen on."),
  protocol: z.enum(["HTTP", "HTTPS"]).describe("Protocol from the load balancer to the servers."),
  algorithm: z
    .enum(["round_robin", "least_outstanding_requests"])
    .describe("ALB algorithm; NGINX renders least_outstanding_requests as least_conn."),
  healthCheck: HealthCheckSchema,
  stickiness: StickinessSchema,
  deregistrationDelaySeconds: seconds(0, 3600).describe(
    "How long a leaving server keeps its in-flight requests (connection draining).",
  ),
  slowStartSeconds: z
    .union([z.literal(0), seconds(30, 900)], {
      error: "must be 0 or from 30 to 900 seconds",
    })
    .describe("Seconds a new server's share of requests ramps up; 0: full share at once."),
  upstream: z
    .strictObject({
      maxFails: int(0, 100).describe(
        "NGINX passive health: failures within failTimeout that mark a server down.",
      ),
      failTimeoutSeconds: seconds(1, 3600).describe(
        "Window for maxFails, and how long a failed server stays out.",
      ),
      keepaliveConnections: int(0, 10_000).describe("Idle keepalive connections per NGINX worker."),
      keepaliveTimeoutSeconds: seconds(1, 3600).describe(
        "How long NGINX keeps an idle upstream connection; keep it below the servers' own keep-alive timeout.",
      ),
      connectTimeoutSeconds: seconds(1, 75).describe("proxy_connect_timeout."),
      readTimeoutSeconds: seconds(1, 86_400).describe(
        "proxy_read_timeout: longest pause between two reads from the server.",
      ),
      nextUpstreamTries: int(1, 10).describe("Servers tried for one idempotent request before giving up."),
      nextUpstreamTimeoutSeconds: seconds(1, 600).describe("Time limit for trying further servers."),
    })
    .describe("How the NGINX load balancer talks to this pool."),
  servers: z.array(UpstreamServerSchema).min(1, { error: "needs at least one server" }),
  scaling: ScalingSchema,
});
export type Pool = z.infer<typeof PoolSchema>;
