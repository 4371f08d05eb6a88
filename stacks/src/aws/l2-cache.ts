import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  CloudwatchLogGroup,
  ElasticacheParameterGroup,
  ElasticacheReplicationGroup,
  ElasticacheSubnetGroup,
  ElasticacheUser,
  ElasticacheUserGroup,
} from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

export interface L2CacheProps {
  /** `l2Cache` is read (engine, version, node type, replicas, eviction policy, reserved memory, snapshots). */
  readonly platform: Platform;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Customer-managed KMS key for data at rest and the slow log. @default the service-managed key */
  readonly kmsKeyArn?: string;
  /**
   * TCP port.
   * @default 6379
   */
  readonly port?: number;
}

const DEFAULT_PORT = 6379;

/** Parameter-group family of an engine version: valkey 8.0 → `valkey8`, redis 7.1 → `redis7`. */
export const parameterFamily = (engine: string, version: string) => `${engine}${version.split(".")[0]}`;

/**
 * The L2 cache: a Valkey/Redis replication group (encrypted at rest and in transit, Multi-AZ failover when the
 * model asks for replicas) with its own parameter group (eviction policy, reserved memory) and slow-log delivery.
 * Clients authenticate with IAM (RBAC user `<product>-<env>-app`); the mandatory `default` user is disabled,
 * so no password exists anywhere. Alarms are per member cluster (l2-cache-alarms.ts).
 */
export class L2Cache extends Construct {
  readonly group: ElasticacheReplicationGroup;
  readonly parameters: ElasticacheParameterGroup;
  /** The IAM-authenticated user the pools connect as (`elasticache:Connect` needs its ARN). */
  readonly appUser: ElasticacheUser;

  constructor(scope: Construct, id: string, props: L2CacheProps) {
    super(scope, id);
    const p = props.platform;
    const c = p.l2Cache;
    const port = props.port ?? DEFAULT_PORT;
    const name = awsName(p, "l2");

    this.parameters = new ElasticacheParameterGroup(this, "parameters", {
      name,
      family: parameterFamily(c.engine, c.engineVersion),
      description: `${name}: eviction and reserved memory from the platform model`,
      parameter: [
        { name: "maxmemory-policy", value: c.maxmemoryPolicy },
        { name: "reserved-memory-percent", value: String(c.reservedMemoryPercent) },
      ],
    });
    const subnets = new ElasticacheSubnetGroup(this, "subnets", {
      name,
      subnetIds: props.subnetIds,
      description: `${name} private subnets`,
    });
    const slowLog = new CloudwatchLogGroup(this, "slow-log", {
      name: `/aws/elasticache/${name}/slow-log`,
      retentionInDays: p.aws.logRetentionDays,
      ...(props.kmsKeyArn ? { kmsKeyId: props.kmsKeyArn } : {}),
    });
    // RBAC: every user group must contain a user named "default"; this one is switched off.
    const engine = c.engine;
    const disabledDefault = new ElasticacheUser(this, "default-user", {
      userId: `${name}-default`,
      userName: "default",
      engine,
      accessString: "off -@all",
      authenticationMode: { type: "no-password-required" },
    });
    // IAM authentication requires user id = user name.
    const app = new ElasticacheUser(this, "app-user", {
      userId: `${name}-app`,
      userName: `${name}-app`,
      engine,
      accessString: "on ~* +@all -@dangerous",
      authenticationMode: { type: "iam" },
    });
    this.appUser = app;
    const users = new ElasticacheUserGroup(this, "users", {
      userGroupId: name,
      engine,
      userIds: [disabledDefault.userId, app.userId],
    });
    const failover = c.replicas >= 1;
    this.group = new ElasticacheReplicationGroup(this, "group", {
      replicationGroupId: name,
      description: `${p.name} ${p.environment} L2 response cache`,
      engine: c.engine,
      engineVersion: c.engineVersion,
      nodeType: c.nodeType,
      numCacheClusters: 1 + c.replicas,
      port,
      parameterGroupName: this.parameters.name,
      subnetGroupName: subnets.name,
      securityGroupIds: props.securityGroupIds,
      automaticFailoverEnabled: failover,
      multiAzEnabled: failover,
      atRestEncryptionEnabled: "true",
      ...(props.kmsKeyArn ? { kmsKeyId: props.kmsKeyArn } : {}),
      userGroupIds: [users.userGroupId],
      transitEncryptionEnabled: true,
      autoMinorVersionUpgrade: "true",
      snapshotRetentionLimit: c.snapshotRetentionDays,
      logDeliveryConfiguration: [
        {
          destination: slowLog.name,
          destinationType: "cloudwatch-logs",
          logFormat: "json",
          logType: "slow-log",
        },
      ],
    });
  }
}
