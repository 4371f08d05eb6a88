import type { z } from "zod";
import { SECONDS_PER_YEAR } from "../defaults/units.ts";
import { checkAlertTopicRegions } from "./alerting.ts";
import { checkQualityByFormat } from "./image-quality.ts";
import { checkOperations } from "./operations.ts";
import type { PlatformShape } from "./platform.ts";
import type { PathMatcher } from "./routes.ts";
import { refineSlo } from "./slo-refinements.ts";

type Ctx = z.core.$RefinementCtx<PlatformShape>;
type Path = (string | number)[];

const issue = (ctx: Ctx, path: Path, message: string, input: unknown) =>
  ctx.addIssue({ code: "custom", path, message, input });

/** Cross-field rules: each issue carries the exact path and names the other value involved. */
export function refinePlatform(p: PlatformShape, ctx: Ctx): void {
  checkReferences(p, ctx);
  checkClaims(p, ctx);
  checkCachePolicies(p, ctx);
  checkPools(p, ctx);
  checkOthers(p, ctx);
  checkLoadBalancer(p, ctx);
  refineSlo(p, ctx);
  checkOperations(p.operations, p.routeClasses, (path, message, input) => issue(ctx, path, message, input));
  checkAlertTopicRegions(p.alerting, p.aws.region, (path, message, input) =>
    issue(ctx, path, message, input),
  );
}

function checkReferences(p: PlatformShape, ctx: Ctx) {
  const pools = Object.keys(p.pools);
  if (!p.pools[p.defaultPool]) {
    issue(ctx, ["defaultPool"], `must name a pool; known pools: ${pools.join(", ")}`, p.defaultPool);
  }
  for (const [name, rc] of Object.entries(p.routeClasses)) {
    if (!p.pools[rc.pool]) {
      issue(
        ctx,
        ["routeClasses", name, "pool"],
        `must name a pool; known pools: ${pools.join(", ")}`,
        rc.pool,
      );
    }
    if (!p.securityHeaders.csp[rc.securityProfile]) {
      const known = Object.keys(p.securityHeaders.csp).join(", ");
      issue(
        ctx,
        ["routeClasses", name, "securityProfile"],
        `must name a CSP profile; known: ${known}`,
        rc.securityProfile,
      );
    }
  }
}

/** A key that two matchers of different classes would both claim, or undefined. */
function overlap(a: PathMatcher, b: PathMatcher): string | undefined {
  if ("prefix" in a && "prefix" in b) {
    if (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix))
      return `prefix ${a.prefix} / ${b.prefix}`;
  }
  if ("exact" in a && "exact" in b && a.exact === b.exact) return `exact path ${a.exact}`;
  if ("exact" in a && "prefix" in b && a.exact.startsWith(b.prefix))
    return `exact ${a.exact} inside prefix ${b.prefix}`;
  if ("prefix" in a && "exact" in b && b.exact.startsWith(a.prefix))
    return `exact ${b.exact} inside prefix ${a.prefix}`;
  for (const kind of ["extensions", "fingerprinted"] as const) {
    if (kind in a && kind in b) {
      const left = (a as Record<typeof kind, string[]>)[kind];
      const right = (b as Record<typeof kind, string[]>)[kind];
      const shared = left.filter((e) => right.includes(e));
      if (shared.length > 0) return `${kind} ${shared.join(", ")}`;
    }
  }
  if ("noExtension" in a && "noExtension" in b) return "noExtension";
  return undefined;
}

function checkClaims(p: PlatformShape, ctx: Ctx) {
  const entries = Object.entries(p.routeClasses);
  for (let i = 0; i < entries.length; i++) {
    const [nameA, a] = entries[i]!;
    for (let j = i + 1; j < entries.length; j++) {
      const [nameB, b] = entries[j]!;
      a.match.forEach((ma, ia) => {
        for (const mb of b.match) {
          const what = overlap(ma, mb);
          if (what) {
            issue(
              ctx,
              ["routeClasses", nameA, "match", ia],
              `is also claimed by route class "${nameB}" (${what}); each path pattern belongs to one class`,
              ma,
            );
          }
        }
      });
    }
  }
}

function checkCachePolicies(p: PlatformShape, ctx: Ctx) {
  for (const [name, rc] of Object.entries(p.routeClasses)) {
    const at = (field: string): Path => ["routeClasses", name, "cache", field];
    const c = rc.cache;
    if (c.mode === "bypass" && c.edgeTtlSeconds !== 0) {
      issue(ctx, at("edgeTtlSeconds"), "must be 0 when mode is bypass (nothing is stored)", c.edgeTtlSeconds);
    }
    if (c.immutable && c.browserTtlSeconds < 86_400) {
      issue(
        ctx,
        at("browserTtlSeconds"),
        "must be at least 86400 when immutable is true",
        c.browserTtlSeconds,
      );
    }
    if (c.mode === "cache" && c.methods.some((m) => m !== "GET" && m !== "HEAD")) {
      issue(ctx, at("methods"), "may only list GET and HEAD: other methods are never cached", c.methods);
    }
    if (rc.handler === "websocket" && c.mode !== "bypass") {
      issue(ctx, at("mode"), 'must be "bypass" for a websocket class', c.mode);
    }
  }
}

function checkPools(p: PlatformShape, ctx: Ctx) {
  for (const [name, pool] of Object.entries(p.pools)) {
    const hc = pool.healthCheck;
    if (hc.timeoutSeconds >= hc.intervalSeconds) {
      issue(
        ctx,
        ["pools", name, "healthCheck", "timeoutSeconds"],
        `must be below intervalSeconds (${hc.intervalSeconds})`,
        hc.timeoutSeconds,
      );
    }
    const s = pool.scaling;
    const at = (...rest: string[]): Path => ["pools", name, "scaling", ...rest];
    if (s.minSize > s.maxSize) issue(ctx, at("minSize"), `must be at most maxSize (${s.maxSize})`, s.minSize);
    if (s.desiredCapacity < s.minSize || s.desiredCapacity > s.maxSize) {
      issue(
        ctx,
        at("desiredCapacity"),
        `must be from minSize (${s.minSize}) to maxSize (${s.maxSize})`,
        s.desiredCapacity,
      );
    }
    if (s.onDemandBaseCapacity > s.maxSize) {
      issue(
        ctx,
        at("onDemandBaseCapacity"),
        `must be at most maxSize (${s.maxSize})`,
        s.onDemandBaseCapacity,
      );
    }
    for (const metric of ["cpu", "memory"] as const) {
      const { scaleIn, scaleOut } = s[metric];
      if (scaleIn.threshold >= scaleOut.threshold) {
        issue(
          ctx,
          at(metric, "scaleIn", "threshold"),
          `must be below ${metric}.scaleOut.threshold (${scaleOut.threshold}), or the pool would flap`,
          scaleIn.threshold,
        );
      }
      if (scaleOut.threshold > 100) {
        issue(
          ctx,
          at(metric, "scaleOut", "threshold"),
          "must be a percentage from 0 to 100",
          scaleOut.threshold,
        );
      }
    }
    if (s.schedule && s.minSize + s.schedule.extraInstances > s.maxSize) {
      issue(
        ctx,
        at("schedule", "extraInstances"),
        `minSize (${s.minSize}) + extraInstances must stay within maxSize (${s.maxSize})`,
        s.schedule.extraInstances,
      );
    }
    if (pool.stickiness.type !== "none" && pool.healthCheck.path === "") {
      issue(ctx, ["pools", name, "healthCheck", "path"], "must be set", pool.healthCheck.path);
    }
  }
}

function checkOthers(p: PlatformShape, ctx: Ctx) {
  const img = p.images;
  if (img.minQuality > img.defaultQuality || img.defaultQuality > img.maxQuality) {
    issue(
      ctx,
      ["images", "defaultQuality"],
      `must be from minQuality (${img.minQuality}) to maxQuality (${img.maxQuality})`,
      img.defaultQuality,
    );
  }
  checkQualityByFormat(img, (path, message, input) => issue(ctx, path, message, input));
  img.widths.forEach((w, i) => {
    if (i > 0 && w <= img.widths[i - 1]!) {
      issue(
        ctx,
        ["images", "widths", i],
        `must be larger than the width before it (${img.widths[i - 1]})`,
        w,
      );
    }
  });
  if (new Set(p.compression.algorithms).size !== p.compression.algorithms.length) {
    issue(ctx, ["compression", "algorithms"], "must not repeat an algorithm", p.compression.algorithms);
  }
  const hsts = p.securityHeaders.hsts;
  if (hsts.preload && (!hsts.includeSubDomains || hsts.maxAgeSeconds < SECONDS_PER_YEAR)) {
    issue(
      ctx,
      ["securityHeaders", "hsts", "preload"],
      `needs includeSubDomains and maxAgeSeconds of at least ${SECONDS_PER_YEAR} (the preload list's rules)`,
      hsts.preload,
    );
  }
  for (const [name, profile] of Object.entries(p.securityHeaders.csp)) {
    if (profile.nonceScripts && !profile.directives["script-src"]) {
      issue(
        ctx,
        ["securityHeaders", "csp", name, "nonceScripts"],
        "needs a script-src directive to add the nonce to",
        true,
      );
    }
  }
  const priorities = new Map<number, string>();
  for (const [name, group] of Object.entries(p.waf.managedRuleGroups)) {
    const other = priorities.get(group.priority);
    if (other) {
      issue(
        ctx,
        ["waf", "managedRuleGroups", name, "priority"],
        `is already used by ${other}`,
        group.priority,
      );
    }
    priorities.set(group.priority, name);
  }
  if (p.zone.cdnHost !== p.zone.domain && !p.zone.cdnHost.endsWith(`.${p.zone.domain}`)) {
    issue(ctx, ["zone", "cdnHost"], `must be ${p.zone.domain} or a sub-domain of it`, p.zone.cdnHost);
  }
}

function checkLoadBalancer(p: PlatformShape, ctx: Ctx) {
  const { listen } = p.loadBalancer;
  if (listen.httpPort === listen.httpsPort) {
    issue(
      ctx,
      ["loadBalancer", "listen", "httpsPort"],
      `must differ from httpPort (${listen.httpPort})`,
      listen.httpsPort,
    );
  }
}
