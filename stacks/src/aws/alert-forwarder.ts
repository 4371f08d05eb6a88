import { fileURLToPath } from "node:url";
import type { Platform } from "@edge/platform";
import { awsName } from "../app/naming.ts";
import {
  CloudwatchLogGroup,
  IamRole,
  IamRolePolicy,
  LambdaFunction,
  LambdaPermission,
  SnsTopicSubscription,
} from "../providers/aws.ts";
import { AssetType, Construct, TerraformAsset, type TerraformProvider } from "../providers/cdktf.ts";

export interface AlertForwarderProps {
  readonly platform: Platform;
  /** Provider of the source topic's region (the function and its subscription live there). */
  readonly provider: TerraformProvider;
  /** The topic whose messages are forwarded (made by the caller, in the provider's region). */
  readonly sourceTopicArn: string;
  /** The existing topic they are republished to, in any region (the model's `alerting.<severity>.topicArn`). */
  readonly targetTopicArn: string;
  /** KMS key of the function's log group; its policy must let CloudWatch Logs of the provider's region use it. */
  readonly logKmsKeyArn: string;
  /** Name suffix of the function, role and log group (`<product>-<env>-<suffix>`). */
  readonly name: string;
}

const HANDLER_DIR = fileURLToPath(new URL("./alert-forwarder", import.meta.url));
/** Publishing one message takes well under a second; the limit only stops a hung call. */
const TIMEOUT_SECONDS = 10;

/**
 * Delivers a topic's alarm notifications to an existing topic in another region. CloudWatch alarm actions must be
 * in the alarm's region, and SNS delivers across regions only to SQS queues and Lambda functions (SNS developer
 * guide, "Sending Amazon SNS messages to an Amazon SQS queue or AWS Lambda function in a different Region"), never
 * to another topic: a Lambda subscription (protocol `lambda`) republishes each message with `sns:Publish`. The
 * target topic must accept Publish from this account's role (same account: IAM is enough unless its policy denies;
 * a topic encrypted with a customer managed key also needs kms:GenerateDataKey for the role, granted by its owner).
 */
export class AlertForwarder extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: AlertForwarderProps) {
    super(scope, id);
    const p = props.platform;
    const provider = props.provider;
    const name = awsName(p, props.name);
    const logGroup = new CloudwatchLogGroup(this, "logs", {
      provider,
      name: `/aws/lambda/${name}`,
      retentionInDays: p.aws.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });
    const role = new IamRole(this, "role", {
      provider,
      name,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    });
    new IamRolePolicy(this, "policy", {
      provider,
      role: role.name,
      name: "forward-alerts",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "sns:Publish", Resource: props.targetTopicArn },
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroup.arn}:*`,
          },
        ],
      }),
    });
    const code = new TerraformAsset(this, "code", { path: HANDLER_DIR, type: AssetType.ARCHIVE });
    this.function = new LambdaFunction(this, "function", {
      provider,
      functionName: name,
      description: `Forwards ${p.environment} alarm notifications to ${props.targetTopicArn}`,
      role: role.arn,
      runtime: "nodejs22.x",
      handler: "index.handler",
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout: TIMEOUT_SECONDS,
      environment: { variables: { TARGET_TOPIC_ARN: props.targetTopicArn } },
      dependsOn: [logGroup],
    });
    new LambdaPermission(this, "invoke", {
      provider,
      action: "lambda:InvokeFunction",
      functionName: this.function.functionName,
      principal: "sns.amazonaws.com",
      sourceArn: props.sourceTopicArn,
    });
    new SnsTopicSubscription(this, "subscription", {
      provider,
      topicArn: props.sourceTopicArn,
      protocol: "lambda",
      endpoint: this.function.arn,
    });
  }
}
