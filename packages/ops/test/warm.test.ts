import { resolvePlatform } from "@edge/platform";
import { describe, expect, it } from "vitest";
import { acceptHeaders, outcomeOf, progressBar, sitemapPaths, warmTargets } from "../src/index.ts";

const staging = resolvePlatform("staging");

describe("warming: targets, outcomes, progress", () => {
  it("reads <loc> entries of a sitemap as paths with their query, skipping malformed ones", () => {
    const xml = `<urlset><url><loc>https://staging.example.com/a?x=1&amp;y=2</loc></url>
      <url><loc> https://staging.example.com/b </loc></url><url><loc>not a url</loc></url></urlset>`;
    expect(sitemapPaths(xml)).toEqual(["/a?x=1&y=2", "/b"]);
  });
  it("expands an image into every Accept format × the warm width ladder; bypass classes are skipped", () => {
    const targets = warmTargets(staging, ["/images/a.png", "/ws/", "/socket.io/x", "/unknown.xml"]);
    expect(acceptHeaders(staging).map((a) => a.split(",")[0])).toEqual([
      "image/avif",
      "image/webp",
      "image/png",
    ]);
    expect(targets).toHaveLength(3 * staging.operations.warm.imageWidths.length);
    expect(targets[0]).toEqual({
      className: "images",
      path: "/images/a.png?w=320",
      accept: acceptHeaders(staging)[0],
    });
  });
  it("classifies answers by Cache-Status (RFC 9211) or CF-Cache-Status", () => {
    expect(outcomeOf(200, "shop-edge; hit; ttl=287", "")).toBe("hit");
    expect(outcomeOf(200, "shop-edge; fwd=miss; fwd-status=200; stored", "")).toBe("filled");
    expect(outcomeOf(200, "shop-edge; fwd=miss; detail=private", "")).toBe("uncached");
    expect(outcomeOf(200, "", "HIT")).toBe("hit");
    expect(outcomeOf(503, "shop-edge; hit", "")).toBe("failed");
  });
  it("prints a line per 10 % when not on a terminal, and a bar on one", () => {
    const lines: string[] = [];
    const tick = progressBar(20, (s) => lines.push(s), false);
    for (let i = 1; i <= 20; i++) tick(i, 0);
    expect(lines).toHaveLength(11); // 0 %, 10 %, …, 100 %
    expect(lines.at(-1)).toBe("warm: 20/20 (100 %), failed 0\n");
    const bar: string[] = [];
    progressBar(4, (s) => bar.push(s), true)(2, 1);
    expect(bar[0]).toBe(`\r[${"#".repeat(15)}${".".repeat(15)}] 2/4 failed 1`);
  });
});
