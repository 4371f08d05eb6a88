// The only module that imports cdktf itself, so a move to CDK Terrain (or another cdktf fork) touches one file.

export type { IAspect } from "cdktf";
export {
  App,
  Fn,
  LocalBackend,
  S3Backend,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
} from "cdktf";
export { Construct, type IConstruct } from "constructs";
