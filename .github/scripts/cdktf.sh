#!/usr/bin/env bash
# Runs the pinned cdktf CLI on already-synthesized stacks: `cdktf.sh diff STACK`, `cdktf.sh deploy STACK`.
# `pnpm synth` writes cdktf.out first; this never synthesizes (--skip-synth), so plans show exactly that output.
#
# The CLI is not a workspace dependency: its terminal module (@cdktf/node-pty-prebuilt-multiarch) ships
# prebuilt binaries only up to Node 22 (ABI 127) and would compile from source on Node 24. So it runs with the
# first Node <= 22 found (the CI image's Node 20), fetched by npx into the project's npm cache.
set -euo pipefail

CDKTF_CLI_VERSION="0.21.0"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

node_abi() { "$1" -p 'Number(process.versions.modules)' 2>/dev/null || echo 999; }

pick_node() {
  local candidate
  for candidate in "${CDKTF_NODE:-}" /usr/local/bin/node /usr/bin/node "$(command -v node || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(node_abi "$candidate")" -le 127 ]; then
      echo "$candidate"
      return
    fi
  done
  echo "cdktf.sh: no Node <= 22 found (set CDKTF_NODE); cdktf-cli $CDKTF_CLI_VERSION would need a native build" >&2
  exit 1
}

[ $# -ge 1 ] || { echo "usage: cdktf.sh diff|deploy [STACK] [cdktf options]" >&2; exit 2; }

output="${CDKTF_OUTPUT:-$(node "$here/stacks.mjs" locate)}"
output="$(cd "$output" && pwd)"
node_bin="$(pick_node)"

# A throwaway project directory: with --skip-synth the CLI only needs a cdktf.json and the output folder.
project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
printf '{ "app": "true", "language": "typescript", "output": "%s" }\n' "$output" >"$project/cdktf.json"

# Providers are downloaded once per job and shared by every stack; nothing goes to the home directory.
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$root/.cache/terraform-plugins}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"
export CHECKPOINT_DISABLE=1 CI=true
export npm_config_cache="${npm_config_cache:-$root/.cache/npm}"

cd "$project"
PATH="$(dirname "$node_bin"):$PATH" npx --yes "cdktf-cli@$CDKTF_CLI_VERSION" "$1" --skip-synth --no-color \
  --disable-plugin-cache-env --output "$output" "${@:2}"
