import type { Platform } from "@edge/platform";
import { defaultTags, type Layer } from "../app/naming.ts";
import { AwsProvider } from "../providers/aws.ts";
import type { Construct } from "../providers/cdktf.ts";

/** AWS provider in the model's region; credentials come from the environment (CI role), never from code. */
export const addAwsProvider = (scope: Construct, p: Platform, layer: Layer) =>
  new AwsProvider(scope, "aws", { region: p.aws.region, defaultTags: [{ tags: defaultTags(p, layer) }] });
