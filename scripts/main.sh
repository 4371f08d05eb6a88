#!/usr/bin/env bash
# The README's main command (`npm start`): installs what is missing, validates the model, synthesizes every
# stack, renders NGINX for every environment, then runs the whole edge on 127.0.0.1 until Ctrl-C.
#   npm start -- --no-edge      stop after synth + render (what CI and reviewers need)
#   npm start -- --env NAME     run the local edge with that environment's model (default: staging)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
run_edge=1
edge_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-edge) run_edge=0 ;;
    --) ;;
    *) edge_args+=("$1") ;;
  esac
  shift
done
if [ "$run_edge" = 1 ]; then bash "$ROOT/scripts/bootstrap.sh" --with-nginx; else bash "$ROOT/scripts/bootstrap.sh"; fi
cd "$ROOT"
step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

step "platform model (packages/platform)"
node packages/platform/src/cli.ts

step "synthesize every stack (stacks/ → cdktf.out/stacks/*/cdk.tf.json)"
pnpm --silent synth

step "render NGINX for every environment (nginx/dist/<env>/)"
pnpm --silent nginx:render

if [ "$run_edge" = 1 ]; then
  step "local edge: demo origins → NGINX → edge worker, on 127.0.0.1"
  exec node packages/local-edge/src/cli.ts "${edge_args[@]}"
fi
