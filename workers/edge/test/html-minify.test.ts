import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { htmlMinifier } from "../src/middleware/html-minify/index.ts";
import { route, unique, worker } from "./support/origin.ts";

const PAGES = [
  "backbonejs-docs.html",
  "bootstrap-3-css-docs.html",
  "es6-compat-table.html",
  "v8-blog-standalone-wasm.html",
];

const minify = htmlMinifier();
const html = (body: string) =>
  new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
const run = (body: string) => minify(html(body)).text();

/** Every element of `tag` with its content, in document order. */
const blocks = (page: string, tag: string) =>
  page.match(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`, "gi")) ?? [];

describe("HTML minification (streaming HTMLRewriter)", () => {
  for (const page of PAGES) {
    it(`${page}: smaller, idempotent, pre/textarea/script/style and conditional comments intact`, {
      timeout: 30_000,
    }, async () => {
      const path = unique("/fixture-");
      await route(path, { fixture: `html/${page}`, headers: { "Content-Type": "text/html; charset=utf-8" } });
      const original = await (await fetch(`${env.ORIGIN_URL}${path}`)).text();
      // Through the worker: the HTML class minifies, and the security headers add a nonce to each <script>.
      const served = await worker(path);
      expect(served.headers.get("content-type")).toContain("text/html");
      const once = (await served.text()).replace(/ nonce="[^"]*"/g, "");
      const twice = await run(once);
      expect(twice === once, "minifying twice changes nothing").toBe(true);
      expect(once.length).toBeLessThan(original.length);
      for (const tag of ["pre", "textarea", "script", "style"])
        expect(blocks(once, tag), tag).toEqual(blocks(original, tag));
      const conditional = /<!--\[if[\s\S]*?<!\[endif\]-->/g;
      expect(once.match(conditional)).toEqual(original.match(conditional));
      console.log(
        `${page}: ${original.length} → ${once.length} characters (${((1 - once.length / original.length) * 100).toFixed(1)}% smaller)`,
      );
    });
  }
});
