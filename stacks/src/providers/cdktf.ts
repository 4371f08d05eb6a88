// The only module that imports cdktf itself, so a move to CDK Terrain (or another cdktf fork) touches one file.

export type { IAspect, ITerraformDependable, TerraformProvider } from "cdktf";
export {
  App,
  AssetType,
  Fn,
  LocalBackend,
  S3Backend,
  TerraformAsset,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} from "cdktf";
export { Construct, type IConstruct } from "constructs";
