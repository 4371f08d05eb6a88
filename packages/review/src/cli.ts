// `pnpm review --base <ref> [--head <ref>] [--out FILE]`: prints (or writes) the Markdown review of a change.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { setStepLog } from "./collect/run.ts";
import { BadRefError } from "./collect/trees.ts";
import { review } from "./review.ts";

const USAGE = `usage: pnpm review --base <git ref> [--head <git ref>] [--out FILE]

  --base REF   what to compare against (a branch, tag, commit, HEAD~1, ...)
  --head REF   what to review (default: the working tree, uncommitted changes included)
  --out FILE   write the Markdown there instead of printing it
  --keep       keep the temporary trees under .cache/review/ (debugging)
  --verbose    print each step with its wall time to stderr`;

async function main(argv: string[]): Promise<number> {
  let values: {
    base?: string;
    head?: string;
    out?: string;
    keep?: boolean;
    verbose?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        out: { type: "string" },
        keep: { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`review: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.base) {
    process.stderr.write(`review: --base is required\n${USAGE}\n`);
    return 2;
  }
  if (values.verbose) setStepLog((line) => process.stderr.write(`review: ${line}\n`));
  // pnpm runs scripts from the package that defines them; INIT_CWD is where the user typed the command.
  const viaPackageScript = process.env["npm_lifecycle_event"] === "review";
  const cwd = (viaPackageScript && process.env["INIT_CWD"]) || process.cwd();
  try {
    const { markdown } = await review({ base: values.base, head: values.head, cwd, keepTrees: values.keep });
    if (values.out) {
      const file = resolve(cwd, values.out);
      writeFileSync(file, markdown);
      process.stderr.write(`review: wrote ${file}\n`);
    } else {
      process.stdout.write(markdown);
    }
    return 0;
  } catch (error) {
    if (error instanceof BadRefError) {
      process.stderr.write(`review: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`review: ${(error as Error).message.split("\n")[0]}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
