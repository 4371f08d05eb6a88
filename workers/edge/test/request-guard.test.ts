import { describe, expect, it } from "vitest";
import { worker } from "./support/origin.ts";

async function refusal(path: string, init?: RequestInit): Promise<[number, string]> {
  const res = await worker(path, init);
  return [res.status, await res.text()];
}

describe("request guard", () => {
  it("refuses unknown methods with 405 and Allow", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
      const res = await worker("/api/x", { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toContain("GET");
    }
  });

  it("refuses declared bodies over the model's maxBodyBytes with 413", async () => {
    const [status, text] = await refusal("/api/upload", {
      method: "POST",
      headers: { "Content-Length": String(10 * 1024 * 1024 + 1) },
      body: "x",
    });
    expect(status).toBe(413);
    expect(text).toBe("request body too large\n");
  });

  it("refuses overlong URLs with 414", async () => {
    expect((await refusal(`/api/${"a".repeat(9000)}`))[0]).toBe(414);
  });

  // (Encoded dot segments such as /%2e%2e/ are resolved by the URL parser before the worker sees them.)
  it("refuses malformed and smuggling paths with 400 and a short reason", async () => {
    for (const path of ["/api/%zz", "/api/%e9", "/api/a%2fb", "/api/%00", "/x?q=%g1", "/a%5c..%5cb"]) {
      const [status, text] = await refusal(path);
      expect(status, path).toBe(400);
      expect(text, path).toMatch(/^malformed URL/);
      expect(text.length).toBeLessThan(80);
    }
  });

  it("lets ordinary requests through", async () => {
    expect((await worker("/api/ok?q=%C3%A9t%C3%A9")).status).toBe(200);
  });
});
