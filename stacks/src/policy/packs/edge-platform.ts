// Longer than ~300 lines on purpose: one entry per rule of the pack (id, texts, level), plain data read top to
// bottom; splitting it by area would scatter the one list reviewers check. The checks live in ../rules/<area>/.
import * as alb from "../rules/alb/index.ts";
import * as asg from "../rules/asg/index.ts";
import * as cloudflare from "../rules/cloudflare/index.ts";
import * as cloudwatch from "../rules/cloudwatch/index.ts";
import * as elasticache from "../rules/elasticache/index.ts";
import * as general from "../rules/general/index.ts";
import * as metrics from "../rules/metrics/index.ts";
import * as provider from "../rules/provider/index.ts";
import * as slo from "../rules/slo/index.ts";
import * as sns from "../rules/sns/index.ts";
import * as waf from "../rules/waf/index.ts";
import type { PackEntry, PolicyPack } from "../types.ts";
import { errorInProduction } from "./levels.ts";

// Packs only wire rules: id, texts, level. The checks live in ../rules/<area>/, one per file.
const PROD = { level: errorInProduction, levelText: "error in production, warning elsewhere" } as const;

const entries: PackEntry[] = [
  {
    id: "ALB1",
    rule: alb.ALBListenerTls13Policy,
    info: "The HTTPS listener does not use a TLS 1.3 security policy.",
    explanation:
      "Older policies negotiate TLS 1.0/1.1 and CBC suites; TLS 1.3 policies drop them and save a round trip.",
    fix: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a newer TLS13 policy) on the listener.',
    level: "error",
  },
  {
    id: "ALB2",
    rule: alb.ALBListenerHttpsOnly,
    info: "A plain-HTTP listener (or one of its rules) serves traffic instead of redirecting to HTTPS.",
    explanation:
      "Requests on port 80 travel unencrypted and can be read or altered; HTTP must only redirect.",
    fix: 'Give the HTTP listener a default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } } and attach forwarding rules to the HTTPS listener only.',
    level: "error",
  },
  {
    id: "ALB3",
    rule: alb.ALBHttpDropInvalidHeaderEnabled,
    info: "The ALB does not drop invalid HTTP header fields.",
    explanation:
      "Headers with invalid names reach the targets unfiltered, which enables request smuggling and " +
      "header-injection tricks against backends that parse them leniently.",
    fix: "Set drop_invalid_header_fields = true on the aws_lb.",
    level: "error",
  },
  {
    id: "ALB4",
    rule: alb.ALBDesyncMitigationMode,
    info: "The ALB's desync mitigation mode is monitor.",
    explanation:
      "In monitor mode ambiguous requests (HTTP desync, request smuggling) are forwarded to targets.",
    fix: 'Remove desync_mitigation_mode (default "defensive") or set it to "defensive" or "strictest".',
    level: "error",
  },
  {
    id: "ALB5",
    rule: alb.ALBAccessLogs,
    info: "The ALB does not write access logs.",
    explanation:
      "Without access logs there is no record of who requested what, for incidents or latency analysis.",
    fix: "Add access_logs { bucket = <log bucket>, enabled = true } to the aws_lb.",
    level: "error",
  },
  {
    id: "ALB6",
    rule: alb.ALBDeletionProtection,
    info: "The ALB has no deletion protection.",
    explanation:
      "A mistaken destroy or replacement deletes the entry point and its DNS name; protection forces a second step.",
    fix: "Set enable_deletion_protection = true (required in production).",
    ...PROD,
  },
  {
    id: "ALB7",
    rule: alb.ALBTargetGroupHealthCheck,
    info: "The HTTP(S) target group has no enabled health check with a path and matcher.",
    explanation:
      "Without a real health check the ALB keeps routing to broken targets and the ASG never replaces them.",
    fix: 'Add health_check { enabled = true, path = "/healthz", matcher = "200" } with the model\'s pool health path.',
    level: "error",
  },
  {
    id: "ALB8",
    rule: alb.ALBHttpsListenerCertificate,
    info: "The HTTPS listener has no certificate_arn.",
    explanation: "An HTTPS listener cannot be created without a certificate; the plan would fail at apply.",
    fix: "Set certificate_arn from the certificate input (variable or aws_acm_certificate data source).",
    level: "error",
  },
  {
    id: "ALB9",
    rule: alb.ALBOriginAuthRequired,
    info: "An ALB listener rule forwards to a target group without requiring the origin-auth header, or a listener's default action forwards.",
    explanation:
      "Cloudflare's IP ranges also carry every other Cloudflare customer's traffic, and the zone-level Authenticated " +
      "Origin Pulls certificate is shared by all accounts: without a secret header only our worker sends, anyone can " +
      "reach the targets through their own zone. A listener's default rule cannot have conditions, so it must not " +
      'forward. Sources: Elastic Load Balancing user guide "Condition types for listener rules" (http-header) and ' +
      '"Listener rules"; AWS provider docs aws_lb_listener_rule (condition.http_header); Cloudflare docs "Protect your ' +
      'origin server" (HTTP header validation) and "Authenticated Origin Pulls" (the Cloudflare certificate is not ' +
      "exclusive to your account).",
    fix: 'Add condition { http_header { http_header_name = "X-Origin-Auth", values = <sensitive variables> } } to every forwarding rule (originAuthValues in stacks/src/aws/origin-lockdown.ts), give the default pool its own rule and make the listener\'s default action a fixed-response 403.',
    level: "error",
  },
  {
    id: "WAF1",
    rule: waf.WAFv2AlbAssociated,
    info: "The internet-facing ALB is not associated with a WAFv2 web ACL.",
    explanation:
      "Without an association the web ACL's managed rules and rate limits never see the ALB's traffic.",
    fix: "Add an aws_wafv2_web_acl_association with resource_arn = the ALB's arn and web_acl_arn = the web ACL's arn.",
    level: "error",
  },
  {
    id: "WAF2",
    rule: waf.WAFv2LoggingConfigured,
    info: "The WAFv2 web ACL has no logging configuration.",
    explanation:
      "Blocked and counted requests leave no trace, so false positives and attacks cannot be analysed.",
    fix: "Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL's arn and an aws-waf-logs-* destination.",
    level: "error",
  },
  {
    id: "WAF3",
    rule: waf.WAFv2CommonRuleSet,
    info: "The web ACL does not enforce the AWS managed core rule set (AWSManagedRulesCommonRuleSet).",
    explanation: "The core rule set blocks the common OWASP classes (XSS, LFI, bad bots, oversize requests).",
    fix: 'Add a rule with managed_rule_group_statement { vendor_name = "AWS", name = "AWSManagedRulesCommonRuleSet" } and override_action { none {} }.',
    level: "error",
  },
  {
    id: "WAF4",
    rule: waf.WAFv2Log4jProtection,
    info: "The web ACL does not block Log4j lookups (AWSManagedRulesKnownBadInputsRuleSet with Log4JRCE).",
    explanation:
      "CVE-2021-44228 payloads are still scanned for constantly; the known-bad-inputs group blocks them.",
    fix: "Add the AWSManagedRulesKnownBadInputsRuleSet managed group with override_action { none {} } and no override of Log4JRCE.",
    level: "error",
  },
  {
    id: "WAF5",
    rule: waf.WAFv2RateBasedRule,
    info: "The web ACL has no enforcing rate-based rule.",
    explanation:
      "Without a per-IP rate limit one client can exhaust the origin pools (scraping, credential stuffing, L7 floods).",
    fix: 'Add a rule with statement { rate_based_statement { limit, evaluation_window_sec, aggregate_key_type = "FORWARDED_IP", forwarded_ip_config { header_name = "CF-Connecting-IP" } } } and action { block {} }.',
    level: "error",
  },
  {
    id: "WAF6",
    rule: waf.WAFv2VisibilityMetrics,
    info: "The web ACL or one of its rules has CloudWatch metrics or request sampling off.",
    explanation: "Per-rule metrics and samples are how a blocking rule's false positives are found.",
    fix: "Set visibility_config { cloudwatch_metrics_enabled = true, sampled_requests_enabled = true } on the ACL and every rule.",
    level: "warning",
  },
  {
    id: "WAF7",
    rule: waf.WAFv2ForwardedClientIp,
    info: "A rate-based or IP-set rule reads the source IP, which behind Cloudflare is a Cloudflare address.",
    explanation:
      "Every request reaches the ALB from a Cloudflare egress IP: a per-IP rate limit throttles whole Cloudflare " +
      'data centres and an IP block list never matches a client (sources: AWS WAF developer guide "Using forwarded ' +
      'IP addresses"; Cloudflare "Cloudflare HTTP headers", CF-Connecting-IP).',
    fix: 'Use aggregate_key_type = "FORWARDED_IP" with forwarded_ip_config, and ip_set_forwarded_ip_config on IP-set statements, with header_name = "CF-Connecting-IP".',
    level: "error",
  },
  {
    id: "ASG1",
    rule: asg.LaunchTemplateImdsv2,
    info: "Instances accept IMDSv1 (metadata_options.http_tokens is not required).",
    explanation:
      "IMDSv1 answers any request, so an SSRF in the application leaks the instance role's credentials.",
    fix: 'Set metadata_options { http_endpoint = "enabled", http_tokens = "required" }.',
    level: "error",
  },
  {
    id: "ASG2",
    rule: asg.LaunchTemplateHopLimit,
    info: "The IMDS response hop limit is not explicitly 1.",
    explanation:
      "A hop limit above 1 lets IMDSv2 tokens travel beyond the instance (containers, forwarding proxies).",
    fix: "Set metadata_options { http_put_response_hop_limit = 1 }.",
    level: "error",
  },
  {
    id: "ASG3",
    rule: asg.LaunchTemplateEbsEncrypted,
    info: "Instance volumes are not declared encrypted.",
    explanation:
      "Unencrypted EBS volumes and snapshots expose data to anyone who can copy them; account defaults can change.",
    fix: 'Add block_device_mappings { device_name = <root device>, ebs { encrypted = true, volume_type = "gp3" } }.',
    level: "error",
  },
  {
    id: "ASG4",
    rule: asg.LaunchTemplateNoPublicIp,
    info: "Instances get a public IP address.",
    explanation:
      "Pool instances sit behind the ALB; a public address exposes them directly and bypasses the WAF.",
    fix: "Remove associate_public_ip_address (or set false) and launch into private subnets.",
    level: "error",
  },
  {
    id: "ASG5",
    rule: asg.AutoScalingGroupMultiAz,
    info: "The Auto Scaling group spans fewer than two subnets/availability zones.",
    explanation: "One AZ outage takes the whole pool down.",
    fix: "Set vpc_zone_identifier to private subnets in at least two availability zones.",
    level: "error",
  },
  {
    id: "ASG6",
    rule: asg.AutoScalingGroupElbHealthCheck,
    info: "The Auto Scaling group behind a load balancer uses EC2 health checks only.",
    explanation:
      "EC2 checks only see a dead VM; an instance whose app fails the target group check is never replaced.",
    fix: 'Set health_check_type = "ELB" and a health_check_grace_period.',
    level: "error",
  },
  {
    id: "ASG7",
    rule: asg.AutoScalingGroupLaunchTemplate,
    info: "The Auto Scaling group does not launch from a launch template.",
    explanation:
      "Launch configurations are deprecated and lack mixed instances, IMDS and newer instance-type support.",
    fix: "Use launch_template or mixed_instances_policy { launch_template { ... } } instead of launch_configuration.",
    level: "error",
  },
  {
    id: "ASG8",
    rule: asg.AutoScalingInstanceRefreshVersion,
    info: 'The Auto Scaling group has instance_refresh but launches launch template version "$Latest".',
    explanation:
      'The provider documents that a refresh does not start with version "$Latest": a new AMI or template change ' +
      "never reaches running instances (source: Terraform AWS provider, aws_autoscaling_group, instance_refresh notes).",
    fix: "Set the launch template version to the template's latest_version attribute.",
    level: "error",
  },
  {
    id: "CW1",
    rule: cloudwatch.CloudWatchAlarmAction,
    info: "The alarm has no enabled action.",
    explanation: "An alarm nobody is notified of (and that scales nothing) only shows red on a dashboard.",
    fix: "Set alarm_actions to an SNS topic or scaling policy ARN and keep actions_enabled = true.",
    level: "error",
  },
  {
    id: "CW2",
    rule: cloudwatch.LogGroupRetention,
    info: "The log group keeps logs forever (no retention_in_days).",
    explanation: "Unbounded retention grows cost without limit and keeps personal data longer than needed.",
    fix: "Set retention_in_days (e.g. 30, or the model's retention).",
    level: "error",
  },
  {
    id: "CW3",
    rule: cloudwatch.LogGroupKms,
    info: "The log group is not encrypted with a customer managed KMS key.",
    explanation:
      "A CMK lets access to the logs be controlled and revoked separately from CloudWatch permissions.",
    fix: "Set kms_key_id to a KMS key whose policy allows logs.<region>.amazonaws.com.",
    level: "warning",
  },
  {
    id: "CW4",
    rule: cloudwatch.CloudWatchDashboardBody,
    info: "The dashboard body is not valid JSON with widgets.",
    explanation: "CloudWatch rejects malformed dashboard bodies only at apply time.",
    fix: "Build dashboard_body with JSON.stringify({ widgets: [...] }).",
    level: "error",
  },
  {
    id: "CW5",
    rule: slo.AlarmEvaluationRange,
    info: "A metric alarm has a period or evaluation range CloudWatch refuses, or more than 10 metrics in its math.",
    explanation:
      "PutMetricAlarm accepts periods of 10, 20, 30 s or multiples of 60 s, period × evaluation_periods up to 7 days " +
      "(1 day for periods under an hour), and metric-math alarms of at most 10 metrics (sources: PutMetricAlarm API " +
      'reference; CloudWatch user guide "Alarm limits"); anything else fails only at apply.',
    fix: "Shorten the window (burn-rate windows: one period of the window, evaluation_periods = 1) or split the math into several alarms.",
    level: "error",
  },
  {
    id: "CW6",
    rule: slo.Route53AlarmRegion,
    info: "An alarm on Route 53 health-check metrics (AWS/Route53) is not created in us-east-1.",
    explanation:
      "Route 53 publishes health-check metrics to CloudWatch in US East (N. Virginia) only (source: Route 53 " +
      'developer guide, "Monitoring health checks using CloudWatch"); an alarm in another region never gets data.',
    fix: 'Create the alarm (and the SNS topic it notifies) through an AWS provider with region = "us-east-1".',
    level: "error",
  },
  {
    id: "CW7",
    rule: metrics.AlarmPublishedMetric,
    info: "An alarm reads an AWS metric by a dimension set AWS does not publish (or a metric missing from the table).",
    explanation:
      "CloudWatch stores each dimension combination as its own time series; an alarm on a combination nobody " +
      "publishes (ElastiCache by ReplicationGroupId) never gets data and stays OK. Sources: the metric references " +
      "of ALB, ElastiCache, EC2 Auto Scaling, EC2, SQS, WAF and Route 53, listed per metric in " +
      'stacks/src/policy/rules/metrics/published-metrics.ts; ALB and WAF checked word for word against "CloudWatch ' +
      'metrics for your Application Load Balancer" (RequestCountPerTarget: TargetGroup, or TargetGroup and ' +
      'LoadBalancer) and "AWS WAF metrics and dimensions" (regional ACL: Region with Rule+WebACL, RuleGroup+WebACL, ' +
      "Rule+RuleGroup, or WebACL+LabelNamespace+Label).",
    fix: "Use a published dimension set (ElastiCache: CacheClusterId of each member cluster), or add the metric with its source to published-metrics.ts.",
    level: "error",
  },
  {
    id: "CW8",
    rule: metrics.AlarmMetricProducer,
    info: "An alarm reads a metric nothing in the stack produces (CWAgent without an agent configuration, an SQS queue that does not exist).",
    explanation:
      "Agent metrics exist only with the dimension sets the agent's configuration publishes; SQS metrics only for " +
      'existing queues. Without a producer the alarm never fires (sources: CloudWatch user guide "Manually create ' +
      'or edit the CloudWatch agent configuration file" (aggregation_dimensions); SQS developer guide "Available ' +
      'CloudWatch metrics for Amazon SQS").',
    fix: "Ship the agent configuration (SSM parameter + user data) with aggregation_dimensions equal to the alarm's dimensions; create or look up the queue.",
    level: "error",
  },
  {
    id: "CW9",
    rule: cloudwatch.AlarmActionRegion,
    info: "An alarm notifies an SNS topic in another region than its own.",
    explanation:
      'PutMetricAlarm refuses it at apply ("Invalid region <topic region> specified. Only <alarm region> is ' +
      'supported", cds-snc/notification-terraform#128), and SNS forwards across regions only to SQS and Lambda (SNS ' +
      'developer guide, "Sending Amazon SNS messages to an Amazon SQS queue or AWS Lambda function in a different ' +
      "Region\"): an alarm in us-east-1 (Route 53 metrics) cannot notify the model's topic in eu-west-1 directly.",
    fix: "Notify a topic created through the alarm's provider (subscribed to the destinations, or to a Lambda forwarder as stacks/src/aws/alert-forwarder.ts) or an existing topic of that region.",
    level: "error",
  },
  {
    id: "SLO1",
    rule: slo.SloAlertsComplete,
    info: "An SLO of the slo_manifest lacks a burn-rate alert: a composite ALARM(long) AND ALARM(short) with actions over the right windows.",
    explanation:
      "Without its multi-window, multi-burn-rate alerts an SLO is a dashboard nobody is paged from; one window alone " +
      'pages on blips or resets late (sources: Google SRE workbook "Alerting on SLOs"; CloudWatch user guide ' +
      '"Combining alarms" for the composite rule syntax).',
    fix: "Render every objective through ServiceLevels (stacks/src/aws/service-levels.ts), or remove it from slo.objectives.",
    level: "error",
  },
  {
    id: "SNS1",
    rule: sns.SnsTopicSubscribed,
    info: "An SNS topic of the stack has no subscription.",
    explanation:
      "Alarms publish to the topic and SNS delivers to subscribers only: with none, every alarm fires into the " +
      'void (source: Amazon SNS developer guide "Subscribing to an Amazon SNS topic").',
    fix: "Set the model's alerting destinations (emails, httpsEndpoints) for the topic's severity, or use an existing topic (topicArn).",
    level: "error",
  },
  {
    id: "EC1",
    rule: elasticache.ElastiCacheAtRestEncryption,
    info: "The replication group does not encrypt data at rest.",
    explanation: "Cached responses can hold personal data; disks, backups and swap must be encrypted.",
    fix: 'Set at_rest_encryption_enabled = "true".',
    level: "error",
  },
  {
    id: "EC2",
    rule: elasticache.ElastiCacheInTransitEncryption,
    info: "The replication group does not require TLS in transit.",
    explanation: "Without TLS, cache contents and the AUTH token cross the VPC in plaintext.",
    fix: 'Set transit_encryption_enabled = true (and transit_encryption_mode = "required" if set).',
    level: "error",
  },
  {
    id: "EC3",
    rule: elasticache.ElastiCacheAuth,
    info: "The replication group accepts unauthenticated clients.",
    explanation: "Anything that reaches the port can read and poison the L2 cache.",
    fix: "Set auth_token from a sensitive variable / secret, or user_group_ids for RBAC.",
    level: "error",
  },
  {
    id: "EC4",
    rule: elasticache.ElastiCacheMultiAzFailover,
    info: "The replication group has no multi-AZ automatic failover.",
    explanation:
      "Losing the primary's node or AZ empties the L2 cache and stampedes the origin until a manual fix.",
    fix: "Set automatic_failover_enabled = true, multi_az_enabled = true and num_cache_clusters >= 2.",
    ...PROD,
  },
  {
    id: "EC5",
    rule: elasticache.ElastiCacheSnapshotRetention,
    info: "The replication group keeps no snapshots.",
    explanation: "Without snapshots a warm cache cannot be restored after a failure or a bad deploy.",
    fix: "Set snapshot_retention_limit >= 1 and a snapshot_window, or suppress with a reason for a pure cache.",
    level: "warning",
  },
  {
    id: "EC6",
    rule: elasticache.ElastiCacheCmk,
    info: "At-rest encryption does not use a customer managed KMS key.",
    explanation: "A CMK allows key rotation, auditing and revocation under the platform's own policy.",
    fix: "Set kms_key_id to a customer managed KMS key ARN.",
    level: "warning",
  },
  {
    id: "EC7",
    rule: elasticache.ElastiCacheEvictionPolicy,
    info: "The Redis/Valkey parameter group does not set an allkeys-* maxmemory-policy.",
    explanation:
      "With volatile-lru or noeviction a full L2 cache stops accepting writes or evicts only TTL keys.",
    fix: 'Add parameter { name = "maxmemory-policy", value = "allkeys-lru" } (from the model).',
    level: "warning",
  },
  {
    id: "CF1",
    rule: cloudflare.CloudflareMinTls,
    info: "The zone's minimum TLS version is below 1.2.",
    explanation: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS.",
    fix: 'Set the min_tls_version zone setting to "1.2" (or "1.3").',
    level: "error",
  },
  {
    id: "CF2",
    rule: cloudflare.CloudflareAlwaysUseHttps,
    info: "The zone does not redirect HTTP to HTTPS (always_use_https is off).",
    explanation: "Visitors on http:// links stay on plaintext and can be downgraded or tampered with.",
    fix: 'Set the always_use_https zone setting to "on".',
    level: "error",
  },
  {
    id: "CF3",
    rule: cloudflare.CloudflareSslStrict,
    info: "The zone's SSL mode is not strict.",
    explanation:
      "flexible sends plaintext to the origin; full accepts any origin certificate, so the origin link can be intercepted.",
    fix: 'Set the ssl zone setting to "strict" (the ALB has a valid ACM certificate).',
    level: "error",
  },
  {
    id: "CF4",
    rule: cloudflare.CloudflareTls13,
    info: "TLS 1.3 is off at the edge.",
    explanation: "TLS 1.3 saves a round trip on every new connection and drops weak suites.",
    fix: 'Set the tls_1_3 zone setting to "on".',
    level: "warning",
  },
  {
    id: "CF5",
    rule: cloudflare.CloudflareZoneTlsSettingsDeclared,
    info: "The stack manages a zone's settings but does not declare all of its TLS settings.",
    explanation:
      "An undeclared setting keeps whatever the dashboard says, so TLS posture drifts without a diff.",
    fix: "Declare cloudflare_zone_setting resources for min_tls_version, always_use_https, ssl and tls_1_3.",
    level: "error",
  },
  {
    id: "CF6",
    rule: cloudflare.CloudflareNoWorkerScript,
    info: "The stack declares a Worker script, version, deployment, secret or cron trigger that wrangler owns.",
    explanation:
      "Two owners of one object overwrite each other on every deploy; wrangler deploys the worker code and bindings.",
    fix: "Remove the resource; keep only cloudflare_workers_route in Terraform and deploy the script with wrangler.",
    level: "error",
  },
  {
    id: "CF7",
    rule: cloudflare.CloudflareCacheDeceptionArmor,
    info: "A cache rule makes responses cacheable without cache deception armor.",
    explanation: "Web cache deception: /account/x.jpg caches a private HTML page as a public image.",
    fix: "Set action_parameters.cache_key.cache_deception_armor = true on every rule with cache = true.",
    level: "warning",
  },
  // Provider reality: what the Cloudflare and AWS APIs accept, each rule citing its source in its explanation.
  {
    id: "CFP1",
    rule: provider.CloudflareCacheKeyHeaders,
    info: "A cache rule puts a header into its cache key that Cloudflare refuses (accept, user-agent, cookie, range, cf-*, ...).",
    explanation:
      "The API rejects the ruleset at apply. Source: developers.cloudflare.com/cache/how-to/cache-keys/ (Headers: high-cardinality, cache/proxy, cookie/host, origin and cf- headers cannot be included).",
    fix: "Remove the header from cache_key.custom_key.header.include; keep variants apart in the worker's cache key (README, Image formats).",
    level: "error",
  },
  {
    id: "CFP2",
    rule: provider.CloudflarePlanGates,
    info: "A Cloudflare resource needs a higher plan than the zone's declared plan (cloudflare.plan).",
    explanation:
      "The API refuses it (or the dashboard silently keeps another value). Sources: developers.cloudflare.com cache/how-to/cache-keys (Availability), ruleset-engine/rules-language/operators (matches: Business+), cache/how-to/edge-browser-cache-ttl (minimum edge TTL 2 h / 1 h / 1 s / 1 s), waf/rate-limiting-rules (Availability), cache/how-to/cache-rules (rules per plan), waf/managed-rules; provider internal/services/zone_setting/schema.go (http2 read-only on Free).",
    fix: "Render the plan's fallback (stacks/README.md, Plans) or raise cloudflare.plan to the lowest plan that has the feature.",
    level: "error",
  },
  {
    id: "CFP3",
    rule: provider.CloudflareOneEntryPointPerPhase,
    info: "Two zone rulesets for the same phase of the same zone.",
    explanation:
      "A zone has one entry-point ruleset per phase; the second overwrites the first on every apply. Source: developers.cloudflare.com/ruleset-engine/about/rulesets/ (entry point rulesets).",
    fix: "Render one ruleset per phase for the zone (its owner's stack) and scope each environment's rules by host.",
    level: "error",
  },
  {
    id: "CFP4",
    rule: provider.CloudflareRouteAfterScript,
    info: "A worker route does not depend on a lookup of its script.",
    explanation:
      "The routes API refuses a route to a script that does not exist (error 10019); the lookup fails the plan before any route changes when wrangler has not deployed the script yet. Sources: Cloudflare API Workers Routes (10019); provider internal/services/workers_route/schema.go (script is a plain name).",
    fix: "Add data.cloudflare_workers_script for the script and depends_on it on the route; deploy the worker before the stack.",
    level: "error",
  },
  {
    id: "CFP5",
    rule: provider.ALBIngressOpenToWorld,
    info: "A security group accepts traffic from the whole internet (0.0.0.0/0 or ::/0).",
    explanation:
      "Anyone can reach the origin around Cloudflare, its WAF and the worker. Sources: AWS provider docs vpc_security_group_ingress_rule / security_group; Cloudflare's published ranges (www.cloudflare.com/ips/).",
    fix: "Limit ingress to Cloudflare's ranges (loadBalancer.realIp.trustedProxies, the alb_ingress_cidrs default).",
    level: "error",
  },
  {
    id: "GEN1",
    rule: general.NoPlaintextSecrets,
    info: "A block contains a literal secret (token, secret, password or key) in the synthesized JSON.",
    explanation:
      "cdk.tf.json is written to disk, uploaded as a CI artifact and diffed in reviews; secrets in it leak.",
    fix: "Pass the secret through a sensitive TerraformVariable (TF_VAR_*) or a secrets-manager data source, never a literal.",
    level: "error",
  },
  {
    id: "GEN2",
    rule: general.SensitiveVariables,
    info: "A variable or output named like a secret is not sensitive = true.",
    explanation: "Non-sensitive values are printed in plans and CI logs.",
    fix: "Set sensitive: true on the TerraformVariable / TerraformOutput.",
    level: "error",
  },
];

/** The rule pack every stack of this repository runs at synth. */
export const edgePlatformPack: PolicyPack = { name: "edge-platform", entries };
