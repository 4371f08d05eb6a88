import type { RouteClass } from "@edge/platform";
import type { Env } from "./env.ts";

/** What classification decided for one request (set by the classify middleware). */
export interface RouteInfo {
  /** Route class name, or "default" for paths no class claims. */
  className: string;
  /** The class from the model; undefined for the default class (plain proxying). */
  routeClass: RouteClass | undefined;
}

/** Hono environment of the edge app. */
export type EdgeEnv = { Bindings: Env; Variables: { route: RouteInfo } };
