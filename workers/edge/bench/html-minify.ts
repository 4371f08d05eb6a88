// HTML minification cost (pnpm bench, after the hit-path cases): our streaming minifier ÷ an HTMLRewriter
// pass-through on the fixture pages (fixtures/html), in one workerd, interleaved, same run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HTML_FIXTURES_DIR } from "@edge/fixtures";

/** Timed POSTs per page and mode; the two modes alternate so both see the same machine load. */
const ROUNDS = Number(process.env.BENCH_MINIFY_ROUNDS ?? 15);

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function timed(url: string, page: Buffer): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, { method: "POST", body: page });
  const bytes = Number(await res.text());
  if (!res.ok || !Number.isFinite(bytes)) throw new Error(`minify bench: ${url} answered ${res.status}`);
  return { ms: performance.now() - start, bytes };
}

/** Prints, per fixture page, median ms of minify and of the pass-through, and their per-round ratio. */
export async function benchHtmlMinify(baseUrl: string): Promise<void> {
  const pages = readdirSync(HTML_FIXTURES_DIR).filter((f) => f.endsWith(".html"));
  console.log(
    `\nHTML minification ÷ HTMLRewriter pass-through, ${ROUNDS} interleaved rounds per page (goal ≤ 3×):`,
  );
  console.log(
    `${"page".padEnd(32)}${"bytes".padStart(9)}${"→ min".padStart(9)}${"minify ms".padStart(11)}${"pass ms".padStart(9)}${"ratio".padStart(7)}`,
  );
  const allRatios: number[] = [];
  for (const name of pages) {
    const page = readFileSync(join(HTML_FIXTURES_DIR, name));
    const minify: number[] = [];
    const pass: number[] = [];
    let minified = 0;
    for (let i = 0; i < 2; i++) await timed(`${baseUrl}?mode=minify`, page); // warm the isolate
    for (let round = 0; round < ROUNDS; round++) {
      const m = await timed(`${baseUrl}?mode=minify`, page);
      const p = await timed(`${baseUrl}?mode=pass`, page);
      minify.push(m.ms);
      pass.push(p.ms);
      minified = m.bytes;
    }
    const ratios = minify.map((ms, i) => ms / pass[i]!);
    allRatios.push(...ratios);
    console.log(
      `${name.padEnd(32)}${String(page.byteLength).padStart(9)}${String(minified).padStart(9)}${median(minify).toFixed(1).padStart(11)}${median(pass).toFixed(1).padStart(9)}${median(ratios).toFixed(2).padStart(7)}`,
    );
  }
  console.log(
    `all pages: median per-round ratio minify ÷ pass-through = ${median(allRatios).toFixed(2)} (goal ≤ 3)`,
  );
}
