// The origin-auth check as rendered: where it sits, what a values file holds, what the CLI writes. The real
// nginx behaviour (200/403, the header never upstream, rotation) is in origin-auth.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EnvironmentOverrides, resolvePlatform } from "@edge/platform";
import { afterAll, describe, expect, it } from "vitest";
import {
  FILES,
  generateSelfSigned,
  originAuthValuesFile,
  parseOriginAuthValues,
  renderNginx,
  SELF_SIGNED,
  writeOriginAuthValues,
  writeTree,
} from "../src/index.ts";
import { newOriginAuthValue } from "../src/local/index.ts";
import { NO_NGINX, nginxTest } from "./support/processes.ts";

const render = (overrides: EnvironmentOverrides = {}) =>
  renderNginx(resolvePlatform("production", { overrides }), { plainHttp: "serve" });
const A = "a".repeat(64);
const B = "0123456789abcdef".repeat(4);

describe("origin auth: rendering", () => {
  it("maps the model's header to a refusal flag, reading the values from a file that is never rendered", () => {
    const files = render();
    expect(files["nginx.conf"]).toContain(`include ${FILES.originAuth};`);
    const conf = files[FILES.originAuth]!;
    expect(conf).toMatch(
      /map \$http_x_origin_auth \$origin_auth_refused \{\n\s+default 1;\n\s+include origin-auth\.values\.conf;\n\}/,
    );
    expect(files).not.toHaveProperty(FILES.originAuthValues);
    // No secret-shaped string anywhere in the rendered tree (the review prints it).
    for (const [path, text] of Object.entries(files)) expect(text, path).not.toMatch(/[0-9a-f]{64}/);
  });

  it("checks beside every proxy_pass and blanks the header in both proxy variants", () => {
    const files = render();
    const pools = Object.keys(files).filter((f) => f.startsWith("nginxconfig/pools/"));
    expect(pools.length).toBeGreaterThan(0);
    for (const pool of pools) {
      expect(files[pool], pool).toMatch(/if \(\$origin_auth_refused\) \{\n\s+return 403 "[^"]+\\n";\n\}/);
    }
    // Every file that proxies is a pool file (so no proxy_pass escapes the check).
    for (const [path, text] of Object.entries(files)) {
      if (text.includes("proxy_pass")) expect(pools, path).toContain(path);
    }
    for (const file of [FILES.proxy, FILES.proxyWebsocket]) {
      expect(files[file], file).toMatch(/proxy_set_header\s+X-Origin-Auth "";/);
    }
  });

  it("follows originAuth.headerName, and refuses a name NGINX cannot read, naming the field", () => {
    const files = render({ originAuth: { headerName: "X-Edge-Key" } });
    expect(files[FILES.originAuth]).toContain("map $http_x_edge_key $origin_auth_refused");
    expect(files[FILES.proxy]).toMatch(/proxy_set_header\s+X-Edge-Key "";/);
    // Valid HTTP tokens (the model accepts them) that NGINX has no variable for, or drops by default.
    expect(() => render({ originAuth: { headerName: "X_Edge_Key" } })).toThrow(
      /originAuth\.headerName: "X_Edge_Key" — NGINX reads a request header only when its name is letters, digits and "-"/,
    );
    expect(() => render({ originAuth: { headerName: "X.Edge" } })).toThrow(
      /originAuth\.headerName: "X\.Edge"/,
    );
  });
});

describe("origin auth: values", () => {
  it("writes one map entry per value, and a fail-closed file for none", () => {
    expect(originAuthValuesFile([A, B])).toMatch(new RegExp(`\\n${A} 0;\\n${B} 0;\\n$`));
    const closed = originAuthValuesFile([]);
    expect(closed).toContain("fail closed");
    expect(closed.split("\n").filter((l) => l && !l.startsWith("#"))).toEqual([]);
  });

  it("refuses values the ALB and NGINX would not match exactly, without echoing them", () => {
    const cases: [string[], RegExp][] = [
      [
        ["abc"],
        /values\[0\]: must be 64 lower-case hex characters \(openssl rand -hex 32\); this one is 3 characters/,
      ],
      [[A.toUpperCase()], /values\[0\]: .* has upper-case letters/],
      [[`${A.slice(0, 63)}*`], /values\[0\]: .* contains a wildcard/],
      [[A, A], /values\[1\]: the same value as \[0\]/],
      [
        [A, B, newOriginAuthValue()],
        /3 values — at most 2 \(the current one and, during a rotation, the next\)/,
      ],
    ];
    for (const [values, message] of cases) {
      let error: Error | undefined;
      try {
        originAuthValuesFile(values);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(message);
      for (const v of values) if (v.length > 8) expect(error?.message).not.toContain(v.slice(0, 16));
    }
    expect(parseOriginAuthValues(` ${A} , ${B} `)).toEqual([A, B]);
    expect(() => parseOriginAuthValues(" , ")).toThrow(/ORIGIN_AUTH_VALUES is set but empty/);
    expect(newOriginAuthValue()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("origin auth: nginx:render writes the values file from ORIGIN_AUTH_VALUES", () => {
  const root = mkdtempSync(join(tmpdir(), "edge-nginx-oa-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const cli = (out: string, env: Record<string, string | undefined>) =>
    spawnSync(
      process.execPath,
      [new URL("../src/cli.ts", import.meta.url).pathname, "--env", "staging", "--out", out],
      {
        env: { ...process.env, ORIGIN_AUTH_VALUES: undefined, ...env },
        encoding: "utf8",
      },
    );
  const valuesOf = (out: string) => join(out, "staging", FILES.originAuthValues);

  it("writes the values (0600), keeps them when unset, and writes a fail-closed file when there is none", () => {
    const out = join(root, "set");
    const set = cli(out, { ORIGIN_AUTH_VALUES: `${A},${B}` });
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain("2 accepted value(s) from ORIGIN_AUTH_VALUES");
    expect(set.stdout).not.toContain(A);
    expect(readFileSync(valuesOf(out), "utf8")).toBe(originAuthValuesFile([A, B]));
    expect(statSync(valuesOf(out)).mode & 0o777).toBe(0o600);
    // A re-render without the variable keeps what the deploy wrote.
    expect(cli(out, {}).stdout).toContain("kept the existing origin-auth.values.conf");
    expect(readFileSync(valuesOf(out), "utf8")).toBe(originAuthValuesFile([A, B]));

    const fresh = join(root, "unset");
    expect(cli(fresh, {}).stdout).toContain("fail-closed origin-auth.values.conf");
    expect(readFileSync(valuesOf(fresh), "utf8")).toBe(originAuthValuesFile([]));
  });

  it("refuses a bad or empty variable before writing anything, never printing the value", () => {
    const bad = cli(join(root, "bad"), { ORIGIN_AUTH_VALUES: `${A},${B.toUpperCase()}` });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/ORIGIN_AUTH_VALUES\[1\]: must be 64 lower-case hex characters/);
    expect(bad.stderr).not.toContain(B.toUpperCase());
    expect(existsSync(join(root, "bad"))).toBe(false);
    expect(cli(join(root, "empty"), { ORIGIN_AUTH_VALUES: "" }).stderr).toMatch(/set but empty/);
  });
});

describe.skipIf(NO_NGINX)("origin auth: nginx -t", () => {
  const root = mkdtempSync(join(tmpdir(), "edge-nginx-oa-t-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("accepts a tree with values and refuses to start without the values file (fail closed)", () => {
    const dir = join(root, "tree");
    writeTree(dir, render());
    generateSelfSigned(dir, SELF_SIGNED, 2);
    const missing = nginxTest(dir);
    expect(missing).toMatch(/\[emerg\].*origin-auth\.values\.conf.*No such file/);
    writeOriginAuthValues(dir, [A, B]);
    expect(nginxTest(dir)).toContain("test is successful");
    writeFileSync(join(dir, FILES.originAuthValues), originAuthValuesFile([]));
    expect(nginxTest(dir)).toContain("test is successful");
  });
});
