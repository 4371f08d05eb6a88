import { describe, expect, it } from "vitest";
import { cacheControlFor, compileClassifier, resolvePlatform, securityHeadersFor } from "../src/index.ts";

const p = resolvePlatform("production");
const classify = compileClassifier(p.routeClasses);

describe("route classification", () => {
  const samples: [string, string][] = [
    ["/assets/app.css", "static"],
    ["/assets/logo.png", "static"],
    ["/app.3f2a1b9c.js", "static"],
    ["/js/chunk-4e1d2c3b5a6f.mjs", "static"],
    ["/images/hero.jpg", "images"],
    ["/api/products", "api"],
    ["/api/products.json", "api"],
    ["/", "html"],
    ["/about", "html"],
    ["/docs/index.html", "html"],
    ["/ws/chat", "websocket"],
    ["/socket.io/", "websocket"],
    ["/robots.txt", "default"],
    ["/app.js", "default"],
    ["/apis", "html"],
  ];
  for (const [path, expected] of samples) {
    it(`${path} → ${expected}`, () => expect(classify(path)).toBe(expected));
  }
});

describe("rendered headers", () => {
  it("renders Cache-Control per class", () => {
    expect(cacheControlFor(p.routeClasses.static!.cache)).toBe(
      "public, max-age=31536000, stale-if-error=86400, immutable",
    );
    expect(cacheControlFor(p.routeClasses.websocket!.cache)).toBe("no-store");
  });

  it("adds the nonce only to nonce profiles", () => {
    const html = securityHeadersFor(p.securityHeaders, "document", { nonce: "abc" });
    expect(html["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    const api = securityHeadersFor(p.securityHeaders, "api", { nonce: "abc" });
    expect(api["Content-Security-Policy"]).not.toContain("nonce");
    expect(html["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains; preload");
    expect(html["Permissions-Policy"]).toContain("camera=()");
  });
});
