import { z } from "zod";
import { classifyPath } from "../routing/classify.ts";
import { int, keyName, percent } from "./primitives.ts";
import type { RouteClass } from "./routes.ts";

/**
 * Cache operations: what each route class carries as `Cache-Tag`, what a deploy purges, what warming requests
 * and the load scenarios. Every field has a default here, so environments only state what differs.
 */

/**
 * A cache tag as Cloudflare's purge API and the edge worker's purge log both accept it: 1–1024 visible ASCII
 * characters, no comma (the `Cache-Tag` separator) and no space (not allowed in tags). Cloudflare compares tags
 * case-insensitively, so the model keeps them lower-case.
 * Source: https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags/
 */
export const CACHE_TAG = /^[\x21-\x2b\x2d-\x7e]{1,1024}$/;
export const cacheTag = () =>
  z
    .string()
    .regex(CACHE_TAG, { error: "must be 1-1024 visible ASCII characters without commas or spaces" })
    .refine((t) => t === t.toLowerCase(), {
      error: "must be lower-case (Cloudflare compares cache tags case-insensitively)",
    });

/** A request path with an optional query, as warming and load scenarios request it. */
const requestPath = () =>
  z.string().regex(/^\/[A-Za-z0-9._~\-/%]*(\?[A-Za-z0-9._~\-=&%]*)?$/, {
    error: 'must be an absolute path such as "/api/products" (optional ?query)',
  });

export const DeployPurgeSchema = z
  .strictObject({
    classes: z
      .array(keyName())
      .describe("Route classes whose tags a deploy purges (fingerprinted static assets never need it).")
      .default(["html", "api"]),
    tags: z.array(cacheTag()).describe("Extra tags a deploy purges.").default([]),
    everything: z
      .boolean()
      .describe("Purge the whole zone on every deploy (costly: every class refills from the origin).")
      .default(false),
  })
  .describe("What the deploy workflow purges after the worker and the stacks are deployed.");

export const WarmSchema = z.strictObject({
  sitemapPath: requestPath().describe("Sitemap read by `pnpm warm --from sitemap`.").default("/sitemap.xml"),
  concurrency: int(1, 256).describe("Requests in flight at once while warming.").default(8),
  requestsPerSecond: int(1, 10_000, " requests per second")
    .describe("Upper bound on the warming request rate (spares the origin).")
    .default(50),
  maxErrorPercent: percent(0, 100)
    .describe("Warming exits non-zero when more than this share of requests fail.")
    .default(5),
  timeoutMs: int(100, 120_000, " ms").describe("Per-request timeout while warming.").default(15_000),
  imageWidths: z
    .array(int(16, 8192, " px"))
    .describe("Widths the pages use, warmed per image and Accept format; empty = images.widths.")
    .default([320, 640, 1024]),
});

/** One Artillery phase: `arrivalRate` new virtual users per second, ramping to `rampTo` when set. */
export const LoadPhaseSchema = z.strictObject({
  durationSeconds: int(1, 86_400, " seconds").describe("How long the phase lasts."),
  arrivalRate: int(0, 100_000, " arrivals per second").describe(
    "New virtual users per second at the start of the phase.",
  ),
  rampTo: int(0, 100_000, " arrivals per second")
    .optional()
    .describe("Arrival rate reached linearly by the end of the phase; unset: constant."),
  name: z.string().max(60).optional().describe("Label of the phase in reports."),
});

const phases = (...list: z.input<typeof LoadPhaseSchema>[]) =>
  z.array(LoadPhaseSchema).min(1, { error: "must have at least one phase" }).default(list);

export const LoadScenariosSchema = z
  .strictObject({
    smoke: phases({ durationSeconds: 4, arrivalRate: 5, name: "smoke" }),
    basic: phases(
      { durationSeconds: 30, arrivalRate: 10, rampTo: 100, name: "warm up" },
      { durationSeconds: 120, arrivalRate: 100, name: "basic 100 rps" },
    ),
    spike: phases(
      { durationSeconds: 60, arrivalRate: 100, name: "baseline" },
      { durationSeconds: 10, arrivalRate: 100, rampTo: 500, name: "spike" },
      { durationSeconds: 30, arrivalRate: 500, name: "peak" },
      { durationSeconds: 30, arrivalRate: 100, name: "recovery" },
    ),
    stress: phases(
      { durationSeconds: 60, arrivalRate: 50, rampTo: 1000, name: "ramp to 1000 rps" },
      { durationSeconds: 60, arrivalRate: 1000, name: "hold 1000 rps" },
    ),
    endurance: phases({ durationSeconds: 1800, arrivalRate: 200, name: "endurance 200 rps" }),
  })
  .describe("Load scenarios (seed 001 §6): phases of arrivals per second; one request per arrival.");

export const OperationsSchema = z.strictObject({
  classTags: z
    .record(keyName(), z.array(cacheTag()).max(100))
    .describe(
      "Cache-Tag values the origin sends with every response of a route class; purging a class purges them.",
    )
    .default({ html: ["html"], api: ["api"], static: ["static"], images: ["images"] }),
  deployPurge: DeployPurgeSchema.prefault({}),
  paths: z
    .record(keyName(), z.array(requestPath()).max(1000))
    .describe("The paths that matter per route class: warmed after a deploy, requested by load scenarios.")
    .default({
      html: ["/", "/backbonejs-docs", "/es6-compat-table", "/v8-blog-standalone-wasm"],
      api: ["/api/products"],
      static: ["/assets/site.css", "/assets/app.js"],
      images: ["/images/kodim03-768x512.png", "/images/coffee-600x400-photo.png"],
      websocket: ["/ws/"],
    }),
  warm: WarmSchema.prefault({}),
  loadMix: z
    .record(keyName(), int(0, 1000))
    .describe("Relative weight of each route class in the load scenarios' request mix.")
    .default({ html: 30, api: 35, static: 15, images: 15, websocket: 5 }),
  loadScenarios: LoadScenariosSchema.prefault({}),
});
export type Operations = z.infer<typeof OperationsSchema>;

type Issue = (path: (string | number)[], message: string, input: unknown) => void;

/** Cross-field rules of the section: class names exist, and every listed path belongs to its class. */
export function checkOperations(
  ops: Operations,
  routeClasses: Readonly<Record<string, RouteClass>>,
  issue: Issue,
): void {
  const known = Object.keys(routeClasses);
  const mustBeClass = (path: (string | number)[], name: string) => {
    if (!routeClasses[name]) issue(path, `must name a route class; known: ${known.join(", ")}`, name);
  };
  for (const name of Object.keys(ops.classTags)) mustBeClass(["operations", "classTags", name], name);
  ops.deployPurge.classes.forEach((name, i) => {
    mustBeClass(["operations", "deployPurge", "classes", i], name);
  });
  for (const name of Object.keys(ops.loadMix)) mustBeClass(["operations", "loadMix", name], name);
  for (const [name, list] of Object.entries(ops.paths)) {
    mustBeClass(["operations", "paths", name], name);
    if (!routeClasses[name]) continue;
    list.forEach((path, i) => {
      const actual = classifyPath(routeClasses, path.split("?")[0]!);
      if (actual !== name)
        issue(["operations", "paths", name, i], `is classified as "${actual}", not "${name}"`, path);
    });
  }
  if (Object.values(ops.loadMix).every((w) => w === 0))
    issue(["operations", "loadMix"], "must give at least one class a weight above 0", ops.loadMix);
}
