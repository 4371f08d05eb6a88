export { type CacheStatusFields, cacheStatus, type Forward } from "./cache-status.ts";
export { type EdgeCacheOptions, edgeCache } from "./edge-cache.ts";
export { planStorage, type StoragePlan } from "./entry.ts";
