#!/usr/bin/env bash
# `cdktf diff` of every stack of one environment, in deploy order. Writes <out>/<stack>.json (summary) and
# <out>/<stack>.log (full output), and fails at the end if any plan failed, after planning every stack.
#   bash .github/scripts/plan-environment.sh ENV OUT_DIR
set -uo pipefail
env_name="${1:?usage: plan-environment.sh ENV OUT_DIR}"
out="${2:?usage: plan-environment.sh ENV OUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"

stacks="$(node "$here/stacks.mjs" list --env "$env_name")" || exit 1
failed=0
for stack in $stacks; do
  echo "::group::cdktf diff $stack"
  bash "$here/cdktf.sh" diff "$stack" 2>&1 | tee "$out/$stack.log"
  code="${PIPESTATUS[0]}"
  echo "::endgroup::"
  node "$here/plan-summary.mjs" --stack "$stack" --env "$env_name" --exit-code "$code" "$out/$stack.log" \
    >"$out/$stack.json" || failed=1
  [ "$code" = 0 ] || { echo "::error title=cdktf diff failed::$stack (exit code $code)"; failed=1; }
done

# The job page shows the same table the PR comment does.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  node --input-type=module -e '
    import { readPlans, renderPlans } from "'"$here"'/pr-comment.mjs";
    console.log(`### cdktf diff — ${process.argv[1]}\n\n${renderPlans(readPlans(process.argv[2]))}`);
  ' "$env_name" "$out" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$failed"
