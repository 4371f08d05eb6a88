import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group/index.js";
import {
  ElasticacheReplicationGroup,
  type ElasticacheReplicationGroupConfig,
} from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import type { TerraformStack } from "cdktf";
import { describeRules, input } from "../helpers.ts";

const redis = (stack: TerraformStack, overrides: Partial<ElasticacheReplicationGroupConfig> = {}) =>
  new ElasticacheReplicationGroup(stack, "l2", {
    replicationGroupId: "edge-l2",
    description: "L2 cache",
    engine: "valkey",
    nodeType: "cache.t4g.small",
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    atRestEncryptionEnabled: "true",
    transitEncryptionEnabled: true,
    authToken: input(stack, "redis_auth_token"),
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc",
    snapshotRetentionLimit: 1,
    ...overrides,
  });

const params = (stack: TerraformStack, policy: string) =>
  new ElasticacheParameterGroup(stack, "params", {
    name: "edge-l2",
    family: "valkey8",
    parameter: [{ name: "maxmemory-policy", value: policy }],
  });

describeRules([
  {
    id: "EC1",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { atRestEncryptionEnabled: "false" }),
    compliant: (s) => redis(s),
  },
  {
    id: "EC2",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { transitEncryptionEnabled: false }),
    compliant: (s) => redis(s),
  },
  {
    id: "EC2",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { transitEncryptionMode: "preferred" }),
    compliant: (s) => redis(s, { transitEncryptionMode: "required" }),
  },
  {
    id: "EC3",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { authToken: undefined }),
    compliant: (s) => redis(s, { authToken: undefined, userGroupIds: ["edge-users"] }),
  },
  {
    id: "EC4",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) =>
      redis(s, { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false }),
    compliant: (s) => redis(s),
  },
  {
    id: "EC5",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { snapshotRetentionLimit: 0 }),
    compliant: (s) => redis(s),
  },
  {
    id: "EC6",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) => redis(s, { kmsKeyId: undefined }),
    compliant: (s) => redis(s),
  },
  {
    id: "EC7",
    address: "aws_elasticache_parameter_group.params",
    violating: (s) => params(s, "noeviction"),
    compliant: (s) => params(s, "allkeys-lru"),
  },
]);
