#!/usr/bin/env bash
# The README's test command (`npm test`): installs what is missing, then lint, typecheck and every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/bootstrap.sh" --with-nginx
cd "$ROOT"

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }
started=$SECONDS

step "lint (biome)"
biome check --reporter=summary . || biome check .

step "typecheck (tsc, every package)"
pnpm -r --workspace-concurrency=2 --reporter-hide-prefix run typecheck

step "tests (vitest: every package)"
report="$CACHE_DIR/vitest-report.json"
rm -f "$report"
status=0
vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

# A plain closing line that any CI reader understands.
if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$report"
fi
echo "total time: $((SECONDS - started)) s"
exit "$status"
