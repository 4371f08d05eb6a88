// The dimension sets AWS publishes for every metric these stacks alarm on, with the page that lists them.
// An alarm whose dimension set is not one of these reads a time series that never exists: it stays OK (or
// INSUFFICIENT_DATA) forever. Add a metric here, with its source, before alarming on it.
//
// Checked word for word (2026-11) against "CloudWatch metrics for your Application Load Balancer" (each metric's
// Dimensions list; the dimension table names AvailabilityZone, LoadBalancer, TargetGroup only) and "AWS WAF metrics
// and dimensions" (AWS/WAFV2; the CloudWatch user guide's WAF page lists the combinations per protected resource).

export interface PublishedMetric {
  /** Each set is one combination CloudWatch publishes (order does not matter). */
  readonly dimensionSets: readonly (readonly string[])[];
  /** The documentation page listing the metric and its dimensions. */
  readonly source: string;
}

const ALB_DOC =
  "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html";
const ELASTICACHE_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.html";
const ASG_DOC = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html";
const EC2_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html";
const SQS_DOC =
  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html";
const WAF_DOC =
  "https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html and https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/waf-metricscollected.html";
const ROUTE53_DOC =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-check-metrics.html";
const AGENT_DOC =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html";

/** Request and response counts of an ALB: per load balancer, per target group, each also per AZ. */
const ALB_TRAFFIC: PublishedMetric = {
  dimensionSets: [
    ["LoadBalancer"],
    ["AvailabilityZone", "LoadBalancer"],
    ["LoadBalancer", "TargetGroup"],
    ["AvailabilityZone", "LoadBalancer", "TargetGroup"],
  ],
  source: ALB_DOC,
};
/** Target health: per target group of a load balancer (and per AZ), never per load balancer alone. */
const ALB_TARGET_HEALTH: PublishedMetric = {
  dimensionSets: [
    ["LoadBalancer", "TargetGroup"],
    ["AvailabilityZone", "LoadBalancer", "TargetGroup"],
  ],
  source: ALB_DOC,
};
/** Made by the load balancer itself: per load balancer (and per AZ), no target group. */
const ALB_OWN: PublishedMetric = {
  dimensionSets: [["LoadBalancer"], ["AvailabilityZone", "LoadBalancer"]],
  source: ALB_DOC,
};
/** ElastiCache host and engine metrics: per member cluster and per node, never per replication group. */
const ELASTICACHE_NODE: PublishedMetric = {
  dimensionSets: [["CacheClusterId"], ["CacheClusterId", "CacheNodeId"]],
  source: ELASTICACHE_DOC,
};
/**
 * A regional web ACL (an ALB's): per rule of the ACL, per rule group of the ACL, and per rule of a rule group —
 * "AWS WAF for Application Load Balancer can use the following dimension combinations".
 */
const WAF_REGIONAL_SETS = [
  ["Region", "Rule", "WebACL"],
  ["Region", "RuleGroup", "WebACL"],
  ["Region", "Rule", "RuleGroup"],
] as const;
const WAF_REGIONAL: PublishedMetric = { dimensionSets: WAF_REGIONAL_SETS, source: WAF_DOC };
/**
 * Allowed and blocked requests are also counted per label of the web ACL ("Label dimensions"); counted label
 * metrics exist only inside the rule-group owner's rule group, so CountedRequests has no ACL label set.
 */
const WAF_REGIONAL_WITH_LABELS: PublishedMetric = {
  dimensionSets: [...WAF_REGIONAL_SETS, ["Region", "WebACL", "LabelNamespace", "Label"]],
  source: WAF_DOC,
};
const ASG_GROUP: PublishedMetric = { dimensionSets: [["AutoScalingGroupName"]], source: ASG_DOC };

/** namespace → metric name → what AWS publishes. */
export const PUBLISHED_METRICS: Readonly<Record<string, Readonly<Record<string, PublishedMetric>>>> = {
  "AWS/ApplicationELB": {
    RequestCount: ALB_TRAFFIC,
    HTTPCode_Target_5XX_Count: ALB_TRAFFIC,
    HTTPCode_Target_4XX_Count: ALB_TRAFFIC,
    TargetResponseTime: ALB_TRAFFIC,
    TargetConnectionErrorCount: ALB_TRAFFIC,
    HealthyHostCount: ALB_TARGET_HEALTH,
    UnHealthyHostCount: ALB_TARGET_HEALTH,
    // "TargetGroup" and "TargetGroup, LoadBalancer" only: no per-AZ series (an alarm by AZ never gets data).
    RequestCountPerTarget: {
      dimensionSets: [["TargetGroup"], ["LoadBalancer", "TargetGroup"]],
      source: ALB_DOC,
    },
    HTTPCode_ELB_5XX_Count: ALB_OWN,
    HTTPCode_ELB_4XX_Count: ALB_OWN,
  },
  "AWS/ElastiCache": {
    CPUUtilization: ELASTICACHE_NODE,
    EngineCPUUtilization: ELASTICACHE_NODE,
    DatabaseMemoryUsagePercentage: ELASTICACHE_NODE,
    CacheHits: ELASTICACHE_NODE,
    CacheMisses: ELASTICACHE_NODE,
    CacheHitRate: ELASTICACHE_NODE,
    Evictions: ELASTICACHE_NODE,
    SetTypeCmds: ELASTICACHE_NODE,
    GetTypeCmds: ELASTICACHE_NODE,
    ReplicationLag: ELASTICACHE_NODE,
    CurrConnections: ELASTICACHE_NODE,
  },
  "AWS/AutoScaling": {
    GroupMinSize: ASG_GROUP,
    GroupMaxSize: ASG_GROUP,
    GroupDesiredCapacity: ASG_GROUP,
    GroupInServiceInstances: ASG_GROUP,
    GroupPendingInstances: ASG_GROUP,
    GroupTotalInstances: ASG_GROUP,
  },
  "AWS/EC2": {
    CPUUtilization: {
      dimensionSets: [["AutoScalingGroupName"], ["InstanceId"], ["ImageId"], ["InstanceType"]],
      source: EC2_DOC,
    },
  },
  "AWS/SQS": {
    ApproximateNumberOfMessagesVisible: { dimensionSets: [["QueueName"]], source: SQS_DOC },
    ApproximateAgeOfOldestMessage: { dimensionSets: [["QueueName"]], source: SQS_DOC },
  },
  // Region is required for every protected resource but CloudFront (our web ACL protects an ALB); rule "ALL" is
  // every rule of the ACL together.
  "AWS/WAFV2": {
    BlockedRequests: WAF_REGIONAL_WITH_LABELS,
    AllowedRequests: WAF_REGIONAL_WITH_LABELS,
    CountedRequests: WAF_REGIONAL,
  },
  "AWS/Route53": {
    HealthCheckStatus: { dimensionSets: [["HealthCheckId"]], source: ROUTE53_DOC },
    HealthCheckPercentageHealthy: { dimensionSets: [["HealthCheckId"]], source: ROUTE53_DOC },
  },
};

/** The CloudWatch agent publishes whatever its configuration says: CW8 checks the configuration instead. */
export const AGENT_NAMESPACE = "CWAgent";
export const AGENT_SOURCE = AGENT_DOC;

/** Same set of dimension names, order ignored. */
export const sameDimensions = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
