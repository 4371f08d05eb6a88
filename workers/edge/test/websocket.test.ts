import { describe, expect, it } from "vitest";
import { stats, unique, worker } from "./support/origin.ts";

describe("websocket passthrough", () => {
  it("upgrades through the worker and relays frames both ways", async () => {
    const res = await worker("/ws/chat", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const socket = res.webSocket!;
    expect(socket).toBeTruthy();
    socket.accept();
    const reply = new Promise<string>((resolve) => {
      socket.addEventListener("message", (event) => resolve(String(event.data)));
    });
    socket.send("hello");
    expect(await reply).toBe("echo:hello");
    socket.close(1000, "done");
  });

  it("proxies non-upgrade requests of the class (long-polling) without caching", async () => {
    const path = unique("/socket.io/poll-");
    const first = await worker(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-status")).toBeNull();
    expect(first.headers.get("cache-control")).toBe("no-store");
    await first.arrayBuffer();
    await (await worker(path)).arrayBuffer();
    expect((await stats(path)).count).toBe(2);
  });
});
