import { describe, expect, it } from "vitest";
import { route, stats, unique, worker } from "./support/origin.ts";

const TOKEN = "test-purge-token-0123456789"; // vitest.config.ts binds it as the PURGE_TOKEN secret
const status = (res: Response) => res.headers.get("cache-status") ?? "";

function purge(body: unknown, token = TOKEN): Promise<Response> {
  return worker("/__edge/purge", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function warm(path: string): Promise<void> {
  await (await worker(path)).arrayBuffer();
  const hit = await worker(path);
  expect(status(hit)).toMatch(/hit/);
  await hit.arrayBuffer();
}

describe("purge endpoint", () => {
  it("refuses a missing or wrong bearer token with 401, and other methods with 405", async () => {
    const none = await worker("/__edge/purge", { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await purge({ tags: ["x"] }, "wrong")).status).toBe(401);
    expect((await purge({ tags: ["x"] }, `${TOKEN}x`)).status).toBe(401);
    const get = await worker("/__edge/purge");
    expect(get.status).toBe(405);
    expect(get.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses malformed bodies with 400 and a short reason", async () => {
    for (const body of ["not json", "[]", { tags: "x" }, { tags: [1] }, { prefixes: ["no-slash"] }, {}]) {
      const res = await purge(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.text()).length).toBeLessThan(120);
    }
  });

  it("purges by tag: tagged entries refill, others stay cached", async () => {
    const tagged = unique("/api/purge-tag-");
    const other = unique("/api/purge-other-");
    const tag = unique("product-");
    await route(tagged, {
      headers: { "Cache-Control": "public, max-age=60", "Cache-Tag": `${tag}, catalog` },
    });
    await route(other, { headers: { "Cache-Control": "public, max-age=60", "Cache-Tag": "unrelated" } });
    await warm(tagged);
    await warm(other);
    const res = await purge({ tags: [tag] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ purged: { tags: [tag], prefixes: [] } });
    const after = await worker(tagged);
    expect(status(after)).toMatch(/fwd=miss/);
    expect(after.headers.get("cache-tag")).toBeNull();
    await after.arrayBuffer();
    expect(status(await worker(other))).toMatch(/hit/);
    expect(status(await worker(tagged))).toMatch(/hit/); // the refill is cached again
    expect((await stats(tagged)).count).toBe(2);
    expect((await stats(other)).count).toBe(1);
  });

  it("purges by path prefix", async () => {
    const dir = unique("/api/purge-prefix-");
    const inside = [`${dir}/a`, `${dir}/b?x=1`];
    const outside = unique("/api/purge-outside-");
    for (const p of [...inside, outside]) await warm(p);
    expect((await purge({ prefixes: [`${dir}/`] })).status).toBe(200);
    for (const p of inside) expect(status(await worker(p)), p).toMatch(/fwd=miss/);
    expect(status(await worker(outside))).toMatch(/hit/);
  });

  it("purges HTML pages too (streamed entries)", async () => {
    const page = unique("/docs-");
    await route(page, { headers: { "Content-Type": "text/html", "Cache-Tag": "docs" }, body: "<p>v1</p>" });
    await warm(page);
    expect((await purge({ tags: ["docs"] })).status).toBe(200);
    expect(status(await worker(page))).toMatch(/fwd=miss/);
  });
});

describe("purge reaches image variants", () => {
  it("a prefix purge rebuilds the variants of the sources under it", async () => {
    const name = "libwebp-test-128x128-lossy.webp";
    const dir = unique("/images/purge-");
    const path = `${dir}/${name}`;
    await route(path, {
      fixture: `images/${name}`,
      headers: { "Content-Type": "image/webp", "Cache-Tag": "img" },
    });
    const first = await worker(`${path}?w=160`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    await (await worker(`${path}?w=160`)).arrayBuffer();
    expect((await stats(path)).count).toBe(1);
    expect((await purge({ prefixes: [`${dir}/`] })).status).toBe(200);
    await (await worker(`${path}?w=160`)).arrayBuffer();
    expect((await stats(path)).count).toBe(2);
  });
});
