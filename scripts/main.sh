#!/usr/bin/env bash
# The README's main command (`npm start`): installs what is missing, validates the model and prints its summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

printf '\n\033[1m▶ platform model\033[0m\n'
node packages/platform/src/cli.ts "$@"
