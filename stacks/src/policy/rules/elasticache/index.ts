export { ElastiCacheAtRestEncryption } from "./ElastiCacheAtRestEncryption.ts";
export { ElastiCacheAuth } from "./ElastiCacheAuth.ts";
export { ElastiCacheCmk } from "./ElastiCacheCmk.ts";
export { ElastiCacheEvictionPolicy } from "./ElastiCacheEvictionPolicy.ts";
export { ElastiCacheInTransitEncryption } from "./ElastiCacheInTransitEncryption.ts";
export { ElastiCacheMultiAzFailover } from "./ElastiCacheMultiAzFailover.ts";
export { ElastiCacheSnapshotRetention } from "./ElastiCacheSnapshotRetention.ts";
