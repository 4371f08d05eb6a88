import { Compliance, type PolicyRule } from "../../types.ts";
import { isResource } from "../util.ts";

/** At-rest encryption uses a customer managed KMS key (`kms_key_id`). */
export const ElastiCacheCmk: PolicyRule = {
  name: "ElastiCacheCmk",
  checkov: "CKV_AWS_191",
  check(block) {
    if (!isResource(block, "aws_elasticache_replication_group")) return Compliance.NOT_APPLICABLE;
    const key = block.config.kms_key_id;
    return typeof key === "string" && key !== "" ? Compliance.COMPLIANT : Compliance.NON_COMPLIANT;
  },
};
