#!/usr/bin/env bash
# Builds the market-only app (the `tokenlens-market` binary of web/: the market
# page alone, about half the whole app's size) into the site being assembled,
# as market-<hash>.js and market-<hash>_bg.wasm, then writes the boot loader
# (scripts/externalize-loader.py), which loads it for a visit to `/` and the
# whole app for every other route, and the service worker that keeps all of it
# for offline visits (scripts/service-worker.py). Runs as a trunk post_build hook:
# TRUNK_STAGING_DIR is the output, TRUNK_PROFILE debug or release.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

staging="${TRUNK_STAGING_DIR:?runs as a trunk post_build hook}"
profile="${TRUNK_PROFILE:-release}"
target="${CARGO_TARGET_DIR:-target}"
if [ "$profile" = release ]; then
  cargo build --quiet -p tokenlens-web --bin tokenlens-market --target wasm32-unknown-unknown --release
else
  cargo build --quiet -p tokenlens-web --bin tokenlens-market --target wasm32-unknown-unknown
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name market \
  "$target/wasm32-unknown-unknown/$profile/tokenlens-market.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-simd --enable-reference-types \
    "$tmp/market_bg.wasm" -o "$tmp/market_bg.wasm"
fi
if [ -d "$tmp/snippets" ]; then
  echo "build-market-entry: the market app has JS snippets; copy them beside it" >&2
  exit 1
fi
hash="$(cat "$tmp/market.js" "$tmp/market_bg.wasm" | sha256sum | cut -c1-16)"
mv "$tmp/market.js" "$staging/market-$hash.js"
mv "$tmp/market_bg.wasm" "$staging/market-${hash}_bg.wasm"
echo "build-market-entry: market-$hash.js $(gzip -9 -c "$staging/market-$hash.js" | wc -c) bytes gzip," \
  "market-${hash}_bg.wasm $(gzip -9 -c "$staging/market-${hash}_bg.wasm" | wc -c) bytes gzip"
python3 scripts/externalize-loader.py "$staging"
python3 scripts/service-worker.py "$staging"
