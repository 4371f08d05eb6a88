import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  DataAwsElbServiceAccount,
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
} from "../providers/aws.ts";
import { Construct } from "../providers/cdktf.ts";

export interface AccessLogBucketProps {
  /** `aws.accessLogsPrefix` and `aws.logRetentionDays` are read. */
  readonly platform: Platform;
}

/**
 * Private, encrypted, versioned bucket for ALB access logs, expiring after the model's retention. ALB log
 * delivery supports SSE-S3 only (not SSE-KMS), hence AES256.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy letting ELB deliver logs: the load balancer must wait for it. */
  readonly deliveryPolicy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const p = props.platform;
    this.bucket = new S3Bucket(this, "bucket", { bucketPrefix: `${awsName(p, "alb-logs")}-` });
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, "public-access", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: p.aws.logRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: p.aws.logRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    const elb = new DataAwsElbServiceAccount(this, "elb-account", {});
    this.deliveryPolicy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AlbLogDelivery",
            Effect: "Allow",
            Principal: { AWS: elb.arn },
            Action: "s3:PutObject",
            Resource: `${this.bucket.arn}/${p.aws.accessLogsPrefix}/AWSLogs/*`,
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }
}
