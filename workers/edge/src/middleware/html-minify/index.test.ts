// Isolated: the transform on in-memory responses. Through the worker on the fixture pages: test/html-minify.test.ts.
import { describe, expect, it } from "vitest";
import { htmlMinifier } from "./index.ts";

const minify = htmlMinifier();
const html = (body: string) =>
  new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
const run = (body: string) => minify(html(body)).text();

describe("HTML minification (isolated)", () => {
  it("collapses whitespace, drops comments, keeps conditional comments and preserved elements", async () => {
    const input =
      "<div>\n   a  <b> b </b>\t c <!-- note -->\n d</div>\n<pre>  keep\n   this </pre><textarea>  x\n y</textarea>" +
      "<script>if (a  <  b) {\n  f();\n}</script><style>a  {  color: red }</style><!--[if lt IE 9]><script src=x.js></script><![endif]-->";
    expect(await run(input)).toBe(
      "<div> a <b> b </b> c d</div> <pre>  keep\n   this </pre><textarea>  x\n y</textarea>" +
        "<script>if (a  <  b) {\n  f();\n}</script><style>a  {  color: red }</style><!--[if lt IE 9]><script src=x.js></script><![endif]-->",
    );
  });

  it("leaves non-HTML responses alone", async () => {
    const res = minify(new Response("a   b", { headers: { "Content-Type": "text/plain" } }));
    expect(await res.text()).toBe("a   b");
  });

  it("regroups the rewriter's tiny chunks into chunks of at least chunkBytes (the last may be smaller)", async () => {
    const page = `<ul>${"<li> item </li>".repeat(4000)}</ul>`;
    const sizes: number[] = [];
    const reader = htmlMinifier({ chunkBytes: 4096 })(html(page)).body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sizes.push(value.byteLength);
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.slice(0, -1).every((n) => n >= 4096)).toBe(true);
  });
});
