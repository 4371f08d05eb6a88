import { describe, expect, it } from "vitest";
import {
  ACCEPT,
  decoded,
  expectShortReason,
  fixture,
  fixtureOrigin,
  imageApp,
  withImages,
} from "./helpers.ts";

async function refused(res: Response, status: number, reason: RegExp): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(text).toMatch(reason);
  expectShortReason(text);
  expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  expect(res.headers.get("Cache-Control")).toBe("no-store");
}

describe("hostile fixtures are refused with a 4xx and a short reason", () => {
  it("the 20000x20000 PNG bomb: refused from its header, before any decode", async () => {
    const app = imageApp();
    await refused(
      await app.request("/images/hostile/bomb-20000x20000.png?w=320", { accept: ACCEPT.avif }),
      422,
      /20000x20000 exceeds 40000000 pixels/,
    );
    expect(app.calls.transforms).toBe(0);
  });

  it("concurrent requests for the bomb share one fetch and are all refused", async () => {
    const app = imageApp();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.request("/images/hostile/bomb-20000x20000.png", { accept: ACCEPT.avif }),
      ),
    );
    for (const res of responses) await refused(res, 422, /exceeds/);
    expect(app.fetches).toHaveLength(1);
  });

  it("the truncated JPEG: refused as truncated, nothing cached (the next request fetches again)", async () => {
    const app = imageApp();
    for (let i = 0; i < 2; i++) {
      await refused(
        await app.request("/images/hostile/truncated-hubble.jpg?w=320", { accept: ACCEPT.webp }),
        422,
        /truncated/,
      );
    }
    expect(app.fetches).toHaveLength(2);
    expect(app.calls.transforms).toBe(0);
  });

  it("SVG with script saved as .jpg: sniffed as SVG and refused (415), even when the origin says image/jpeg", async () => {
    const app = imageApp({
      origin: async (path) => {
        const res = await fixtureOrigin(path);
        return new Response(res.body, { headers: { "Content-Type": "image/jpeg" } });
      },
    });
    const res = await app.request("/images/hostile/svg-with-script.jpg", { accept: ACCEPT.avif });
    expect(res.headers.get("Content-Type")).not.toMatch(/svg/);
    await refused(res, 415, /SVG content under a non-\.svg path/);
    expect(app.calls.transforms).toBe(0);
  });

  it("a JPEG that passes the header checks but cannot be decoded → 422 from the binding error, no stack", async () => {
    // Hubble's headers up to its first scan, then EOI straight away: the structure is whole, the scan is empty.
    const hubble = await fixture("hubble-deep-field-1000x872.jpg");
    const sos = 15_844;
    const length = (hubble[sos + 2]! << 8) | hubble[sos + 3]!;
    const hollow = new Uint8Array([...hubble.subarray(0, sos + 2 + length), 0xff, 0xd9]);
    const app = imageApp({ origin: async () => new Response(hollow) });
    await refused(
      await app.request("/images/hollow.jpg?w=320", { accept: ACCEPT.webp }),
      422,
      /could not be decoded/,
    );
    expect(app.calls.transforms).toBe(1);
  });

  it("bytes that are no image at all → 415", async () => {
    const app = imageApp({ origin: async () => new Response("<html><script>alert(1)</script></html>") });
    await refused(await app.request("/images/page.png"), 415, /not a supported image/);
  });
});

describe("path traversal and SSRF attempts never reach the origin", () => {
  const PATHS = [
    "/images/..%2f..%2fetc/passwd",
    "/images/%2e%2e/%2e%2e/admin",
    "/images//evil.example/x.jpg",
    "/images/http://169.254.169.254/latest/meta-data",
    "/images/%2F%2Fevil.example/x.jpg",
    "/images/a%5c..%5c..%5cwin.ini",
    "/images/x.jpg%00.png",
    "/images/%252e%252e/x.jpg",
    "/images/",
    "/admin/secret.jpg",
    "/images/x.jpg?url=http://169.254.169.254/",
    "/images/x.jpg?src=https://evil.example/a.jpg",
  ];
  for (const path of PATHS) {
    it(`${path} → 400`, async () => {
      const app = imageApp();
      await refused(await app.request(path), 400, /./);
      expect(app.fetches).toHaveLength(0);
    });
  }
});

describe("bad parameters → 400 before any fetch", () => {
  const QUERIES = [
    "w=0",
    "w=abc",
    "w=-1",
    "q=101",
    "quality=x",
    "fit=stretch",
    "format=bmp",
    "dpr=0",
    "w=1&w=2",
    "foo=bar",
  ];
  for (const query of QUERIES) {
    it(`?${query}`, async () => {
      const app = imageApp();
      await refused(await app.request(`/images/kodim03-768x512.png?${query}`), 400, /./);
      expect(app.fetches).toHaveLength(0);
    });
  }
});

describe("methods", () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
    it(`${method} → 405 with Allow`, async () => {
      const app = imageApp();
      const res = await app.request("/images/kodim03-768x512.png", { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD");
      expect(app.fetches).toHaveLength(0);
    });
  }
});

describe("limits from the model", () => {
  const small = withImages({ maxSourceBytes: 64 * 1024 });

  it("maxSourceBytes by Content-Length: refused before the body is read", async () => {
    const app = imageApp({ policy: small });
    await refused(await app.request("/images/coffee-600x400-photo.png"), 422, /exceeds 65536 bytes/);
  });

  it("maxSourceBytes while reading a body without Content-Length: stops pulling past the limit", async () => {
    const bytes = await fixture("coffee-600x400-photo.png");
    let pulled = 0;
    const chunk = 16 * 1024;
    const app = imageApp({
      policy: small,
      origin: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (pulled >= bytes.length) return controller.close();
              controller.enqueue(bytes.slice(pulled, pulled + chunk));
              pulled += chunk;
            },
          }),
        ),
    });
    await refused(await app.request("/images/coffee-600x400-photo.png"), 422, /exceeds 65536 bytes/);
    expect(pulled).toBeLessThan(bytes.length);
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 3 * chunk);
  });

  it("maxSourcePixels refuses a normal photo when set below its size", async () => {
    const app = imageApp({ policy: withImages({ maxSourcePixels: 100_000 }) });
    await refused(
      await app.request("/images/kodim03-768x512.png?w=160"),
      422,
      /768x512 exceeds 100000 pixels/,
    );
  });

  it("maxOutputPixels: a requested size over it is refused; no size picks the largest ladder width within it", async () => {
    const app = imageApp({ policy: withImages({ maxOutputPixels: 100_000 }) });
    await refused(await app.request("/images/coffee-600x400-photo.png?w=640"), 422, /exceeds 100000 pixels/);
    await refused(
      await app.request("/images/coffee-600x400-photo.png?w=400&h=400"),
      400,
      /exceeds 100000 pixels/,
    );
    const res = await app.request("/images/coffee-600x400-photo.png", { accept: ACCEPT.webp });
    expect((await decoded(res)).info).toMatchObject({ width: 320, height: 213 });
  });
});

describe("origin failures", () => {
  const CASES: [string, () => Promise<Response>, number, RegExp][] = [
    ["404", async () => new Response("nope", { status: 404 }), 404, /not found/],
    ["500", async () => new Response("boom", { status: 500 }), 502, /origin answered 500/],
    ["504", async () => new Response("slow", { status: 504 }), 504, /origin timed out/],
    [
      "redirect",
      async () => new Response(null, { status: 302, headers: { Location: "http://169.254.169.254/" } }),
      502,
      /origin answered 302/,
    ],
    [
      "network error",
      async () => {
        throw new TypeError("Network connection lost.");
      },
      502,
      /origin unreachable/,
    ],
    [
      "timeout",
      async () => {
        throw new DOMException("timed out", "TimeoutError");
      },
      504,
      /origin timed out/,
    ],
  ];
  for (const [name, origin, status, reason] of CASES) {
    it(`${name} → ${status}, not cached`, async () => {
      const app = imageApp({ origin });
      await refused(await app.request("/images/a.jpg"), status, reason);
      await refused(await app.request("/images/a.jpg"), status, reason);
      expect(app.fetches).toHaveLength(2);
    });
  }
});
