import type { z } from "zod";

/** One problem in the model: where, what was given, and what is allowed. */
export interface ConfigProblem {
  /** Dotted path from the model root, e.g. `pools.web.scaling.cpu.scaleIn.threshold`. */
  path: string;
  /** The offending value, as given. */
  value: unknown;
  /** What is allowed, e.g. "must be a whole number from 0 to 31536000 seconds". */
  message: string;
}

const show = (v: unknown): string => {
  if (v === undefined) return "(missing)";
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** Thrown by resolvePlatform: lists every problem, one per line. */
export class PlatformConfigError extends Error {
  readonly environment: string;
  readonly problems: ConfigProblem[];

  constructor(environment: string, problems: ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.path || "(root)"}: ${show(p.value)} — ${p.message}`);
    super(
      `Invalid platform model for environment "${environment}" (${problems.length} problem(s)):\n${lines.join("\n")}`,
    );
    this.name = "PlatformConfigError";
    this.environment = environment;
    this.problems = problems;
  }
}

const valueAt = (root: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );

const joinPath = (path: PropertyKey[]) =>
  path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");

/** Turns zod issues into problems that name the field, the value and the allowed range. */
export function toProblems(input: unknown, issues: z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: joinPath([...issue.path, key]),
        value: valueAt(input, [...issue.path, key]),
        message: "is not a known setting (check the spelling)",
      }));
    }
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch that got furthest rather than "invalid input".
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      const nested = best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
      if (nested.length > 0) return toProblems(input, nested as z.core.$ZodIssue[]);
    }
    const atPath = valueAt(input, issue.path);
    const value = atPath !== undefined ? atPath : "input" in issue ? issue.input : undefined;
    return [{ path: joinPath(issue.path), value, message: issue.message }];
  });
}
