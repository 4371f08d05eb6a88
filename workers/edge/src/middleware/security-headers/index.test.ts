// Isolated: a fresh app per case, inner handlers standing in for the classes. Through the worker (every class,
// errors, refusals): test/security-headers.test.ts.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call } from "../../../test/support/isolated.ts";
import { policyFor } from "../../policy.ts";
import type { EdgeEnv } from "../../types.ts";
import { securityHeaders } from "./index.ts";

function app(inner: () => Response) {
  const a = new Hono<EdgeEnv>().use(
    securityHeaders({ securityHeaders: policyFor("production").securityHeaders }),
  );
  a.all("*", () => inner());
  return a;
}

describe("security headers (isolated)", () => {
  it("adds the set and removes Server/X-Powered-By, even on an immutable response", async () => {
    const upstream = await fetch("data:text/plain,hi"); // immutable headers, like an origin response
    const res = await call(
      app(() => new Response(upstream.body, { headers: { Server: "nginx", "X-Powered-By": "php" } })),
      "/x",
    );
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect([res.headers.get("server"), res.headers.get("x-powered-by")]).toEqual([null, null]);
  });

  it("HTML of the default class gets a fresh nonce in the CSP and on every script", async () => {
    const page = () =>
      new Response("<script>1</script><script>2</script>", { headers: { "Content-Type": "text/html" } });
    const [a, b] = [await call(app(page), "/"), await call(app(page), "/")];
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    const [na, nb] = [nonceOf(a), nonceOf(b)];
    expect(na).toBeTruthy();
    expect(na).not.toBe(nb);
    expect(await a.text()).toBe(`<script nonce="${na}">1</script><script nonce="${na}">2</script>`);
  });
});
