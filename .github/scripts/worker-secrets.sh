#!/usr/bin/env bash
# Stores the edge worker's CDN-metrics secrets with wrangler after the stacks are deployed:
#   worker-secrets.sh ENV [--env NAME]   (run in workers/edge; the wrangler options select the worker)
# - AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the publisher user's key, read from the <ENV>-aws-compute outputs
#   (`cdn_metrics_access_key_id`, `cdn_metrics_secret_access_key`) in the folder cdktf deployed from;
# - CF_ACCOUNT_ID and CF_ANALYTICS_TOKEN: from the step's environment (CLOUDFLARE_ACCOUNT_ID, CF_ANALYTICS_TOKEN).
# Values go from terraform's stdout straight into wrangler's stdin: never echoed, never in a file or argument.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: worker-secrets.sh ENV [wrangler options]" >&2; exit 2; }
env_name="$1"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stack_dir="$(node "$here/stacks.mjs" locate)/stacks/${env_name}-aws-compute"
[ -d "$stack_dir" ] || { echo "worker-secrets.sh: no deployed stack folder $stack_dir" >&2; exit 1; }
: "${CLOUDFLARE_ACCOUNT_ID:?worker-secrets.sh: CLOUDFLARE_ACCOUNT_ID is not set}"
: "${CF_ANALYTICS_TOKEN:?worker-secrets.sh: CF_ANALYTICS_TOKEN is not set}"

output() { terraform -chdir="$stack_dir" output -raw "$1"; }

output cdn_metrics_access_key_id | pnpm exec wrangler secret put AWS_ACCESS_KEY_ID "$@" >/dev/null
output cdn_metrics_secret_access_key | pnpm exec wrangler secret put AWS_SECRET_ACCESS_KEY "$@" >/dev/null
printf '%s' "$CLOUDFLARE_ACCOUNT_ID" | pnpm exec wrangler secret put CF_ACCOUNT_ID "$@" >/dev/null
printf '%s' "$CF_ANALYTICS_TOKEN" | pnpm exec wrangler secret put CF_ANALYTICS_TOKEN "$@" >/dev/null
echo "worker-secrets.sh: CDN metrics secrets stored for ${env_name}"
