import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template/index.js";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider/index.js";
import { S3Backend, TerraformLocal, TerraformOutput, type TerraformStack, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { isSecretName, secretAssignmentIn } from "../../../src/policy/rules/general/index.ts";
import { describeRules } from "../helpers.ts";

const token = (sensitive: boolean) => (s: TerraformStack) =>
  new TerraformVariable(s, "cloudflare_api_token", { type: "string", sensitive });

describeRules([
  {
    id: "GEN1",
    address: "provider.cloudflare",
    violating: (s) =>
      new CloudflareProvider(s, "cloudflare", { apiToken: "v1.0-0123456789abcdef0123456789abcdef" }),
    compliant: (s) => new CloudflareProvider(s, "cloudflare", { apiToken: token(true)(s).stringValue }),
  },
  {
    id: "GEN1",
    address: "provider.aws",
    violating: (s) =>
      new AwsProvider(s, "aws", {
        region: "eu-west-1",
        accessKey: "AKIAABCDEFGHIJKLMNOP",
        secretKey: "wJalrXUtnFEMI/K7MDENG",
      }),
    compliant: (s) => new AwsProvider(s, "aws", { region: "eu-west-1" }),
  },
  {
    id: "GEN1",
    address: "var.cloudflare_api_token",
    violating: (s) =>
      new TerraformVariable(s, "cloudflare_api_token", {
        type: "string",
        sensitive: true,
        default: "literal-token",
      }),
    compliant: (s) => token(true)(s),
  },
  {
    id: "GEN1",
    address: "aws_elasticache_replication_group.l2",
    violating: (s) =>
      new ElasticacheReplicationGroup(s, "l2", {
        replicationGroupId: "l2",
        description: "L2",
        authToken: "hunter2hunter2hunter2",
      }),
    compliant: (s) =>
      new ElasticacheReplicationGroup(s, "l2", {
        replicationGroupId: "l2",
        description: "L2",
        authToken: new TerraformVariable(s, "redis_auth_token", { type: "string", sensitive: true })
          .stringValue,
      }),
  },
  {
    id: "GEN1",
    address: "terraform.backend.s3",
    violating: (s) =>
      new S3Backend(s, {
        bucket: "tf-state",
        key: "edge/prod.tfstate",
        region: "eu-west-1",
        secretKey: "abc123",
      }),
    compliant: (s) =>
      new S3Backend(s, { bucket: "tf-state", key: "edge/prod.tfstate", region: "eu-west-1", encrypt: true }),
  },
  {
    id: "GEN1",
    address: "local.db_password",
    violating: (s) => new TerraformLocal(s, "db_password", "correct-horse-battery"),
    compliant: (s) => new TerraformLocal(s, "db_password", token(true)(s).stringValue),
  },
  {
    id: "GEN1",
    address: "aws_launch_template.web",
    violating: (s) =>
      new LaunchTemplate(s, "web", {
        userData: Buffer.from(
          "#!/bin/sh\nexport REDIS_AUTH_TOKEN=s3cr3t-value\nexec node server.js\n",
        ).toString("base64"),
      }),
    compliant: (s) =>
      new LaunchTemplate(s, "web", {
        userData: Buffer.from(
          "#!/bin/sh\nexport REDIS_AUTH_TOKEN=$(aws secretsmanager get-secret-value --secret-id l2 --query SecretString)\n",
        ).toString("base64"),
      }),
  },
  {
    id: "GEN2",
    address: "var.cloudflare_api_token",
    violating: (s) => token(false)(s),
    compliant: (s) => token(true)(s),
  },
  {
    id: "GEN2",
    address: "output.redis_auth_token",
    violating: (s) => new TerraformOutput(s, "redis_auth_token", { value: token(true)(s).stringValue }),
    compliant: (s) =>
      new TerraformOutput(s, "redis_auth_token", { value: token(true)(s).stringValue, sensitive: true }),
  },
]);

describe("isSecretName", () => {
  it.each([
    "api_token",
    "apiToken",
    "auth_token",
    "client_secret",
    "db_password",
    "access_key",
    "private_key",
    "secret_key",
    "api_user_service_key",
    "secret_string",
  ])("treats %s as a secret", (name) => expect(isSecretName(name)).toBe(true));
  it.each([
    "key",
    "kms_key_id",
    "secret_arn",
    "auth_token_update_strategy",
    "key_name",
    "token_ttl",
    "bucket",
    "sensitive",
  ])("treats %s as not a secret", (name) => expect(isSecretName(name)).toBe(false));
});

describe("secretAssignmentIn", () => {
  it.each([
    ["export API_KEY=abcd1234", "API_KEY"],
    ['db:\n  password: "hunter2hunter2"', "password"],
    [Buffer.from("CF_API_TOKEN=zzzz9999").toString("base64"), "CF_API_TOKEN"],
  ])("finds the literal in %j", (text, name) => expect(secretAssignmentIn(text)).toBe(name));
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform/shell interpolation, literally
    "TOKEN=${token}",
    "export DB_PASSWORD=$(cat /run/secrets/db)",
    "password: $DB_PASSWORD",
    "echo hello",
  ])("accepts %j", (text) => expect(secretAssignmentIn(text)).toBeUndefined());
});
