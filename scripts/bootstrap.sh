#!/usr/bin/env bash
# Installs whatever is missing: Node >= 22.12 (Node 24 from the npm registry when the system node is older),
# the pinned pnpm, the workspace dependencies, and (when asked and root) nginx from Debian.
# Idempotent and quick when everything is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p "$TOOLCHAIN_DIR/bin" "$CACHE_DIR"

log() { printf '\033[2m[setup]\033[0m %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

ensure_node() {
  if node_ok; then return; fi
  [ -n "$NODE_PKG" ] || { echo "setup: unsupported CPU $(uname -m); install Node >= 22.12 yourself" >&2; exit 1; }
  command -v npm >/dev/null 2>&1 || { echo "setup: npm is needed to fetch Node $NODE_VERSION_PINNED" >&2; exit 1; }
  log "system node $(node --version 2>/dev/null || echo none) is older than 22.12; installing Node $NODE_VERSION_PINNED into .toolchain/"
  npm install --no-save --no-package-lock --prefix "$TOOLCHAIN_DIR/node" "$NODE_PKG@$NODE_VERSION_PINNED" >/dev/null
  ln -sf "../node/node_modules/$NODE_PKG/bin/node" "$TOOLCHAIN_DIR/bin/node"
  hash -r
  node_ok || { echo "setup: Node install failed" >&2; exit 1; }
}

ensure_pnpm() {
  if [ -x "$TOOLCHAIN_DIR/pnpm/node_modules/.bin/pnpm" ] &&
    [ "$("$TOOLCHAIN_DIR/pnpm/node_modules/.bin/pnpm" --version 2>/dev/null)" = "$PNPM_VERSION_PINNED" ]; then
    return
  fi
  log "installing pnpm $PNPM_VERSION_PINNED into .toolchain/"
  # The npm that ships with the system node runs the install; the node we just put on PATH runs pnpm.
  npm install --no-save --no-package-lock --prefix "$TOOLCHAIN_DIR/pnpm" "pnpm@$PNPM_VERSION_PINNED" >/dev/null
  ln -sf "../pnpm/node_modules/.bin/pnpm" "$TOOLCHAIN_DIR/bin/pnpm"
  hash -r
}

deps_fingerprint() {
  # Lockfile and every package.json: when none changed since the last install, skip pnpm entirely.
  find "$ROOT" -maxdepth 3 \( -name node_modules -o -name .toolchain -o -name .cache -o -name .git \) -prune -o \
    \( -name package.json -o -name pnpm-lock.yaml -o -name pnpm-workspace.yaml \) -type f -print |
    LC_ALL=C sort | xargs cat | cksum
}

ensure_deps() {
  local stamp="$ROOT/node_modules/.install-stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(deps_fingerprint)" ]; then return; fi
  log "installing workspace dependencies (pnpm install)"
  if [ "${CI:-}" = "true" ]; then
    pnpm install --frozen-lockfile --reporter=append-only >"$CACHE_DIR/pnpm-install.log" 2>&1 ||
      { cat "$CACHE_DIR/pnpm-install.log" >&2; exit 1; }
  else
    pnpm install --reporter=append-only >"$CACHE_DIR/pnpm-install.log" 2>&1 ||
      { cat "$CACHE_DIR/pnpm-install.log" >&2; exit 1; }
  fi
  deps_fingerprint >"$stamp"
}

ensure_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then return; fi
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    log "nginx is missing and cannot be installed here (needs root and apt); nginx tests will be skipped"
    return
  fi
  log "installing nginx, brotli modules, wrk and openssl from Debian (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-brotli-filter \
    libnginx-mod-http-brotli-static wrk openssl >/dev/null
}

ensure_node
ensure_pnpm
ensure_deps
if [ "${1:-}" = "--with-nginx" ]; then ensure_nginx; fi
