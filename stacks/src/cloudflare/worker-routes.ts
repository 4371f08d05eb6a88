import type { Platform } from "@edge/platform";
import { Construct } from "../providers/cdktf.ts";
import { DataCloudflareWorkersScript, WorkersRoute } from "../providers/cloudflare.ts";

export interface WorkerRoutesProps {
  readonly zoneId: string;
  /** Account of the worker script (the script is looked up before any route is planned). */
  readonly accountId: string;
  /** `edge.scriptName` and the zone's host names are read. */
  readonly platform: Platform;
}

/** Route key → pattern: every path of the site and of the CDN host goes through the edge worker. */
export const workerRoutePatterns = (p: Platform): Record<string, string> => ({
  site: `${p.zone.domain}/*`,
  cdn: `${p.zone.cdnHost}/*`,
});

/**
 * Routes that send traffic to the edge worker. Only the routes: the script, its code and its bindings belong
 * to wrangler (`workers/edge`), and Terraform refers to the script by name only — exactly one tool owns each
 * Cloudflare object. The routes API refuses a route to a script that does not exist (error 10019), so the
 * routes depend on a lookup of the script: a plan before `wrangler deploy` fails at the lookup, naming the
 * script, instead of half-applying (deploy order: README, "Deploy order").
 */
export class WorkerRoutes extends Construct {
  readonly routes: Record<string, WorkersRoute> = {};
  readonly script: DataCloudflareWorkersScript;

  constructor(scope: Construct, id: string, props: WorkerRoutesProps) {
    super(scope, id);
    this.script = new DataCloudflareWorkersScript(this, "script", {
      accountId: props.accountId,
      scriptName: props.platform.edge.scriptName,
    });
    for (const [key, pattern] of Object.entries(workerRoutePatterns(props.platform))) {
      this.routes[key] = new WorkersRoute(this, key, {
        zoneId: props.zoneId,
        pattern,
        script: props.platform.edge.scriptName,
        dependsOn: [this.script],
      });
    }
  }
}
