// Bench worker for `pnpm bench` (never deployed): POST an HTML page; `?mode=minify` runs our streaming
// minifier (src/middleware/html-minify), `?mode=pass` an HTMLRewriter that matches every element and text
// chunk and changes nothing. Both read the whole output inside the worker and answer its length only, so the
// ratio isolates the rewriting work from the transfer of the result.
import { htmlMinifier } from "../../src/middleware/html-minify/index.ts";

const minify = htmlMinifier();

function passThrough(res: Response): Response {
  return new HTMLRewriter()
    .on("*", { element() {} })
    .onDocument({ text() {}, comments() {} })
    .transform(res);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const mode = new URL(request.url).searchParams.get("mode");
    const page = new Response(request.body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    const out = mode === "minify" ? minify(page) : passThrough(page);
    const bytes = (await out.arrayBuffer()).byteLength;
    return new Response(String(bytes));
  },
};
