// Personal answers (a cacheable class's requests with Authorization or a session cookie) never leave NGINX
// marked `public`: on a real nginx, with and without the origin's own Cache-Control, on success and on errors.
import { resolvePlatform } from "@edge/platform";
import { cacheControlFor } from "@edge/platform/headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderNginx } from "../src/index.ts";
import { request } from "./support/http.ts";
import { type Nginx, NO_NGINX, startNginx, startUpstreams, type Upstream } from "./support/processes.ts";

const base = resolvePlatform("production").routeClasses;
/**
 * The example's classes plus one that ignores the origin's Cache-Control and bypasses only on a cookie whose
 * name `$cookie_<name>` could not read (dash and dot).
 */
const overrides = {
  rateLimits: { loadBalancer: { requestsPerSecond: 100_000, burst: 100_000 } },
  routeClasses: {
    account: {
      ...structuredClone(base.api!),
      description: "account pages: own Cache-Control, a dotted session cookie",
      match: [{ prefix: "/account/" }],
      cache: {
        ...structuredClone(base.api!.cache),
        respectOriginCacheControl: false,
        bypassOnAuthorization: false,
        bypassOnCookies: ["my-sess.v2"],
      },
    },
  },
};

describe("the rendered maps", () => {
  const files = renderNginx(resolvePlatform("production", { overrides }));
  it("give a class with personal requests a 2xx/3xx header and an `always` one; the others one header", () => {
    const api = files["nginxconfig/routes/api.conf"]!;
    expect(api).toMatch(/^add_header Cache-Control \$cache_control_api;$/m);
    expect(api).toMatch(/^add_header Cache-Control \$cache_control_personal_api always;$/m);
    const stat = files["nginxconfig/routes/static.conf"]!;
    expect(stat.match(/add_header\s+Cache-Control/g)).toHaveLength(1);
    expect(stat).not.toMatch(/Cache-Control[^\n]*always/);
  });
  it("detect the session cookies with a regex on $http_cookie, dots escaped", () => {
    expect(files["nginxconfig/maps.conf"]).toContain(
      'map $http_cookie $cache_personal_account {\n    "~(^|;\\s*)(my-sess\\.v2)=" personal:;',
    );
  });
});

describe.skipIf(NO_NGINX)("personal answers are never public (real nginx)", () => {
  let upstreams: Upstream[];
  let nginx: Nginx;
  const api = cacheControlFor(base.api!.cache);
  const html = cacheControlFor(base.html!.cache);
  const account = cacheControlFor({ ...base.api!.cache, respectOriginCacheControl: false });
  const cacheControl = async (path: string, headers: Record<string, string> = {}) => {
    const reply = await request(nginx, path, { headers });
    return { status: reply.status, cc: reply.headers["cache-control"] };
  };

  beforeAll(async () => {
    upstreams = await startUpstreams(1, "p");
    nginx = await startNginx(upstreams, overrides);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((upstreams ?? []).map((u) => u.kill()));
  });

  it("anonymous requests get the class's value as before (or the origin's when respected)", async () => {
    expect(api).toMatch(/^public, .*s-maxage=/);
    expect(await cacheControl("/api/products")).toEqual({ status: 200, cc: api });
    expect(await cacheControl("/api/products?cc=max-age=7")).toEqual({ status: 200, cc: "max-age=7" });
    expect(await cacheControl("/about?type=text/html")).toEqual({ status: 200, cc: html });
    // A cookie that only ends like a session cookie's name is no session.
    expect(await cacheControl("/api/products", { Cookie: "notsid=1; xsession=2" })).toEqual({
      status: 200,
      cc: api,
    });
    // Errors: no Cache-Control at all (the year-long max-age never sticks to one).
    expect(await cacheControl("/api/products?status=404")).toEqual({ status: 404, cc: undefined });
  });

  it("with Authorization: no-store, or the origin's own value — never the public class value", async () => {
    const auth = { Authorization: "Bearer user-1" };
    expect(await cacheControl("/api/me", auth)).toEqual({ status: 200, cc: "no-store" });
    expect(await cacheControl("/api/me?cc=private,%20max-age=60", auth)).toEqual({
      status: 200,
      cc: "private, max-age=60",
    });
    expect(await cacheControl("/about?type=text/html", auth)).toEqual({ status: 200, cc: "no-store" });
    // Every status: an error for one user is personal too.
    expect(await cacheControl("/api/me?status=404", auth)).toEqual({ status: 404, cc: "no-store" });
    expect(await cacheControl("/api/me?status=403&cc=private", auth)).toEqual({ status: 403, cc: "private" });
  });

  it("with a session cookie: no-store (empty value and later position included)", async () => {
    for (const cookie of ["session=abc", "theme=dark; sid=1", "sid=", "a=1;session=2"]) {
      expect(await cacheControl("/api/cart", { Cookie: cookie }), cookie).toEqual({
        status: 200,
        cc: "no-store",
      });
    }
    expect(await cacheControl("/about?type=text/html", { Cookie: "session=abc" })).toEqual({
      status: 200,
      cc: "no-store",
    });
  });

  it("a class that ignores the origin's value: no-store on personal requests whatever the origin says", async () => {
    const session = { Cookie: "my-sess.v2=u1" };
    expect(await cacheControl("/account/orders?cc=public,%20max-age=99")).toEqual({
      status: 200,
      cc: account,
    });
    expect(await cacheControl("/account/orders?cc=public,%20max-age=99", session)).toEqual({
      status: 200,
      cc: "no-store",
    });
    // `my-sess.v2` is matched literally: the dot is no wildcard.
    expect(await cacheControl("/account/orders", { Cookie: "my-sessXv2=u1" })).toEqual({
      status: 200,
      cc: account,
    });
    // This class does not bypass on Authorization (the model says so): it keeps the class's value.
    expect(await cacheControl("/account/orders", { Authorization: "Bearer u1" })).toEqual({
      status: 200,
      cc: account,
    });
  });
});
