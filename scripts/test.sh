#!/usr/bin/env bash
# The README's test command (`npm test`): installs what is missing, then lint, typecheck and every test.
# Every part runs even when an earlier one fails, and the output always ends with the `tests:` line and, when
# something failed, what to run (`pnpm format` for formatting, `vitest run FILE -u` for a snapshot).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/bootstrap.sh" --with-nginx || exit $?
cd "$ROOT"

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }
started=$SECONDS

step "lint (biome)"
lint=0
biome check --reporter=summary . >/dev/null 2>&1 || { biome check .; lint=1; }
lint_only_format=0
# `biome lint` checks the rules without formatting: when it passes, formatting (or import order) is all that is off.
if [ "$lint" -ne 0 ] && biome lint . >/dev/null 2>&1; then lint_only_format=1; fi

step "typecheck (tsc, every package)"
typecheck=0
pnpm -r --workspace-concurrency=2 --reporter-hide-prefix run typecheck || typecheck=1

step "tests (vitest: every package)"
report="$CACHE_DIR/vitest-report.json"
rm -f "$report"
tests=0
vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || tests=$?

# The closing lines: a plain summary any CI reader understands, then what to run for the common fixes.
echo
if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    // Files whose failures are all snapshot mismatches: reviewing and updating the snapshot is the fix.
    const snapshotOnly = (r.testResults ?? []).filter((file) => {
      const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
      return failed.length > 0 && failed.every((t) => (t.failureMessages ?? []).join("\n").match(/Snapshot .* mismatched|toMatchSnapshot|toMatchInlineSnapshot|obsolete/i));
    });
    for (const file of snapshotOnly) {
      const path = require("node:path").relative(process.cwd(), file.name);
      console.log(`snapshot: ${path} differs from its snapshot — if the change is intended, check the diff above, then run: vitest run ${path} -u`);
    }
  ' "$report"
else
  echo "tests: 0 passed, 0 failed, 0 skipped (vitest wrote no report: it failed to start, see above)"
fi
if [ "$lint" -ne 0 ]; then
  if [ "$lint_only_format" -eq 1 ]; then
    echo "lint: only formatting differs — run: pnpm format"
  else
    echo "lint: failed (see above) — pnpm format fixes formatting; the rest needs an edit"
  fi
fi
[ "$typecheck" -ne 0 ] && echo "typecheck: failed (see above) — run: pnpm typecheck"
echo "total time: $((SECONDS - started)) s"
[ "$lint" -ne 0 ] || [ "$typecheck" -ne 0 ] || [ "$tests" -ne 0 ] && exit 1
exit 0
