import { ENVIRONMENT_NAMES } from "@edge/platform";
import { describe, expect, it } from "vitest";
import { needsOf, readWorkflow, type Step } from "./support.ts";

const deploy = readWorkflow("deploy.yml");
/** How a workflow passes a secret: `${{ secrets.NAME }}`. */
const secret = (name: string) => `\${{ secrets.${name} }}`;

/** Index of the first step whose run script matches, or -1. */
const stepIndex = (steps: Step[], pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ""));

describe("deploy workflow: a deploy that checks itself", () => {
  it.each(ENVIRONMENT_NAMES.map((env) => [env]))(
    "%s: after the worker and the stacks are deployed, smoke test per class, then purge, then warm",
    (env) => {
      const steps = deploy.jobs[env]?.steps ?? [];
      // The last of the deploy steps: the worker, the stacks (and whatever follows them, e.g. worker secrets).
      const worker = Math.max(stepIndex(steps, /wrangler deploy/), stepIndex(steps, /cdktf\.sh deploy/));
      const smoke = stepIndex(steps, new RegExp(`packages/ops/src/smoke/cli\\.ts --env ${env}\\b`));
      const purge = stepIndex(steps, new RegExp(`^pnpm purge --env ${env} --deploy$`));
      const warm = stepIndex(steps, new RegExp(`^pnpm warm --env ${env} --public$`));
      expect(
        [worker, smoke, purge, warm].every((i) => i >= 0),
        `${env}: ${[worker, smoke, purge, warm]}`,
      ).toBe(true);
      expect(worker).toBeLessThan(smoke);
      expect(smoke).toBeLessThan(purge);
      expect(purge).toBeLessThan(warm);
      // The purge needs Cloudflare's API, the zone and the worker's bearer token, each from a secret via env.
      expect(steps[purge]?.env).toEqual({
        CLOUDFLARE_API_TOKEN: secret("CLOUDFLARE_API_TOKEN"),
        CLOUDFLARE_ZONE_ID: secret("CLOUDFLARE_ZONE_ID"),
        EDGE_PURGE_TOKEN: secret("EDGE_PURGE_TOKEN"),
      });
    },
  );

  it("staging ends with the basic load gate, and production waits on staging's result", () => {
    const steps = deploy.jobs.staging?.steps ?? [];
    const warm = stepIndex(steps, /^pnpm warm --env staging/);
    const load = stepIndex(steps, /^pnpm load --scenario basic --env staging --public\b/);
    expect(load).toBeGreaterThan(warm);
    const upload = steps.findIndex((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toBeGreaterThan(load);
    expect(steps[upload]?.if).toBe(`\${{ !cancelled() }}`); // the report is kept when the gate fails too
    expect(needsOf(deploy.jobs.production!)).toContain("staging");
  });
});
