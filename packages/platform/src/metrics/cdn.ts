// The CloudWatch metric names and dimensions of the CDN hit ratio: the edge worker publishes them (its cron
// handler) and the AWS stacks alarm and graph on them. Zod-free, so the worker bundle can import it; defined once
// here so the publisher and the alarms cannot drift apart.

/** Metric names and dimensions of the CDN hit ratio in the model's `slo.cdn.namespace`. */
export const CDN_METRICS = {
  hitRatio: "CacheHitRatio",
  requests: "CacheableRequests",
  /** Dimension values: every route class name, and `all` for the cacheable classes together. */
  classDimension: "RouteClass",
  environmentDimension: "Environment",
  allClasses: "all",
} as const;
