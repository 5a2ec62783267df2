#!/usr/bin/env bash
# Sizes of the built npm package (pkg/), raw and gzip -9: each entry counts the files a
# browser loads for it (entry module, bindings, snippets, wasm); then the packed tarball.
# Usage: scripts/pkg-sizes.sh   (after scripts/build-pkg.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# raw and gzip bytes of the files given, each compressed on its own.
measure() {
  local raw=0 gz=0 f
  for f in "$@"; do
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  echo "$raw $gz"
}

report() {
  local name="$1"
  shift
  read -r raw gz < <(measure "$@")
  printf 'pkg-sizes: %-22s %7d bytes raw, %7d bytes gzip\n' "$name" "$raw" "$gz"
}

report "tokenlens wasm" pkg/tokenlens_bg.wasm
report "tokenlens (entry)" pkg/index.js pkg/tokenlens.js pkg/snippets/*/js/*.js pkg/tokenlens_bg.wasm
report "indicators wasm" pkg/indicators/tokenlens_bg.wasm
report "tokenlens/indicators" pkg/indicators.js pkg/indicators/tokenlens.js pkg/indicators/snippets/*/js/*.js \
  pkg/indicators/tokenlens_bg.wasm
tarball="$(cd pkg && npm pack --dry-run --json 2>/dev/null | sed -n 's/.*"size": \([0-9]*\).*/\1/p' | head -n1)"
printf 'pkg-sizes: %-22s %7s bytes (npm pack, gzip)\n' "tarball" "$tarball"
