#!/usr/bin/env bash
# Sizes of the built npm package (pkg/), raw and gzip -9: each entry counts the files a
# browser loads for it (entry module, bindings, snippets, wasm); then the packed tarball.
# Fails when an entry is over its budget (KB = 1,000 bytes, gzip): `tokenlens-wasm` 200 KB,
# `tokenlens-wasm/indicators` 100 KB, `tokenlens-wasm/evaluation` 120 KB.
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

over=0
# report NAME BUDGET FILES…: BUDGET in gzip bytes, 0 for none.
report() {
  local name="$1" budget="$2"
  shift 2
  read -r raw gz < <(measure "$@")
  printf 'pkg-sizes: %-22s %7d bytes raw, %7d bytes gzip' "$name" "$raw" "$gz"
  if [ "$budget" -gt 0 ]; then
    printf ' (budget %d)' "$budget"
    if [ "$gz" -gt "$budget" ]; then
      printf ' OVER BUDGET by %d bytes' "$((gz - budget))"
      over=1
    fi
  fi
  printf '\n'
}

report "tokenlens wasm" 0 pkg/tokenlens_bg.wasm
report "tokenlens-wasm (entry)" 200000 pkg/index.js pkg/tokenlens.js pkg/snippets/*/js/*.js pkg/tokenlens_bg.wasm
report "indicators wasm" 0 pkg/indicators/tokenlens_bg.wasm
report "tokenlens-wasm/indicators" 100000 pkg/indicators.js pkg/indicators/tokenlens.js pkg/snippets/*/js/*.js \
  pkg/indicators/tokenlens_bg.wasm
report "evaluation wasm" 0 pkg/evaluation/tokenlens_bg.wasm
report "tokenlens-wasm/evaluation" 120000 pkg/evaluation.js pkg/evaluation/tokenlens.js pkg/snippets/*/js/*.js \
  pkg/evaluation/tokenlens_bg.wasm
tarball="$(cd pkg && npm pack --dry-run --json 2>/dev/null | sed -n 's/.*"size": \([0-9]*\).*/\1/p' | head -n1)"
widget="with the widget"
[ -d pkg/widget ] || widget="without the widget (scripts/build-widget.sh --copy-to pkg/widget adds it)"
printf 'pkg-sizes: %-22s %7s bytes (npm pack, gzip), %s\n' "tarball" "$tarball" "$widget"
exit "$over"
