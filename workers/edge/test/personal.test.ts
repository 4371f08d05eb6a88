// Personal answers (Authorization, a session cookie) through the whole worker in workerd: never the class's
// public Cache-Control — the same values NGINX sends (nginx/test/personal.test.ts).
import { cacheControlFor } from "@edge/platform/headers";
import { describe, expect, it } from "vitest";
import { policyFor } from "../src/policy.ts";
import { route, stats, unique, worker } from "./support/origin.ts";

const policy = policyFor("production");
const api = cacheControlFor(policy.routeClasses.api!.cache);
const cc = (res: Response) => res.headers.get("cache-control");
/** An origin that sends no Cache-Control (an empty one counts as none, in NGINX's map too). */
const silent = (path: string, status = 200) => route(path, { status, headers: { "Cache-Control": "" } });

describe("personal answers are never public", () => {
  it("anonymous: the class's public value, as before", async () => {
    const path = unique("/api/anon-cc-");
    await silent(path);
    const res = await worker(path);
    await res.arrayBuffer();
    expect(api).toMatch(/^public, .*s-maxage=/);
    expect(cc(res)).toBe(api);
  });

  it("Authorization: no-store when the origin sent no Cache-Control, errors included", async () => {
    const path = unique("/api/me-");
    await silent(path);
    const ok = await worker(path, { headers: { Authorization: "Bearer alice" } });
    await ok.arrayBuffer();
    expect(cc(ok)).toBe("no-store");
    const missing = unique("/api/missing-");
    await silent(missing, 404);
    const notFound = await worker(missing, { headers: { Authorization: "Bearer alice" } });
    await notFound.arrayBuffer();
    expect([notFound.status, cc(notFound)]).toEqual([404, "no-store"]);
    expect((await stats(path)).last?.headers.authorization).toBe("Bearer alice");
  });

  it("a session cookie: the origin's own value when the class respects it", async () => {
    const path = unique("/api/cart-");
    await route(path, { headers: { "Cache-Control": "private, max-age=60" } });
    const res = await worker(path, { headers: { Cookie: "theme=dark; sid=1" } });
    await res.arrayBuffer();
    expect(cc(res)).toBe("private, max-age=60");
    const other = unique("/api/cart-");
    await silent(other);
    const empty = await worker(other, { headers: { Cookie: "session=" } });
    await empty.arrayBuffer();
    expect(cc(empty)).toBe("no-store");
  });

  it("pages too: a signed-in visitor's HTML is no-store", async () => {
    const path = unique("/account-page-");
    await silent(path);
    const res = await worker(path, { headers: { Cookie: "session=abc", Accept: "text/html" } });
    await res.arrayBuffer();
    expect(cc(res)).toBe("no-store");
    const anonymous = await worker(path, { headers: { Accept: "text/html" } });
    await anonymous.arrayBuffer();
    expect(cc(anonymous)).toBe(cacheControlFor(policy.routeClasses.html!.cache));
  });
});
