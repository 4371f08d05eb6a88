#!/usr/bin/env bash
# Stores the origin-auth header's current value as the edge worker's secret (stacks/README.md, Origin lockdown):
#   origin-auth-secret.sh ENV [--env NAME]   (run in workers/edge; the wrangler options select the worker)
# Runs after `wrangler deploy` and BEFORE `cdktf deploy`: the ALB's forwarding rules require the header, so the
# worker must send an accepted value first (a worker without it gets 403s: the lockdown fails closed).
# - the value: ORIGIN_AUTH_CURRENT from the step's environment (the GitHub secret ORIGIN_AUTH_CURRENT_<ENV>, the
#   same value the stacks get as TF_VAR_origin_auth_secret_current);
# - the binding name: the model's originAuth.workerSecretBinding.
# The value goes from the environment straight into wrangler's stdin: never echoed, never in a file or argument.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: origin-auth-secret.sh ENV [wrangler options]" >&2; exit 2; }
env_name="$1"
shift
: "${ORIGIN_AUTH_CURRENT:?origin-auth-secret.sh: ORIGIN_AUTH_CURRENT is not set (GitHub secret ORIGIN_AUTH_CURRENT_<ENV>)}"
if ! [[ "$ORIGIN_AUTH_CURRENT" =~ ^[0-9a-f]{64}$ ]]; then
  echo "origin-auth-secret.sh: ORIGIN_AUTH_CURRENT must be 64 lowercase hex characters (openssl rand -hex 32)" >&2
  exit 1
fi

binding="$(node --input-type=module -e '
  const { resolvePlatform } = await import("@edge/platform");
  console.log(resolvePlatform(process.argv[1]).originAuth.workerSecretBinding);
' "$env_name")"

printf '%s' "$ORIGIN_AUTH_CURRENT" | pnpm exec wrangler secret put "$binding" "$@" >/dev/null
echo "origin-auth-secret.sh: $binding stored for ${env_name}"
