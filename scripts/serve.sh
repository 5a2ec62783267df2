#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it on
# http://127.0.0.1:8080 (PORT overrides). With no network the site shows the
# bundled snapshot of real market data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"
bash scripts/setup.sh --site
trunk build --release
exec node scripts/static-server.mjs dist "${PORT:-8080}"
