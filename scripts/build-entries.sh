#!/usr/bin/env bash
# Builds the one-page apps (the `tokenlens-market`, `tokenlens-screener` and
# `tokenlens-token` binaries of web/: one page each, about 60 % of the whole
# app's size) into the site being assembled, as <page>-<hash>.js and
# <page>-<hash>_bg.wasm, then writes the boot loader
# (scripts/externalize-loader.py), which loads the page's own app for the
# first page a tab opens at `/`, `/screener` or `/token/…` and the whole app
# otherwise, and the service worker that keeps all of it for offline visits
# (scripts/service-worker.py). Runs as a trunk post_build hook:
# TRUNK_STAGING_DIR is the output, TRUNK_PROFILE debug or release.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

staging="${TRUNK_STAGING_DIR:?runs as a trunk post_build hook}"
profile="${TRUNK_PROFILE:-release}"
target="${CARGO_TARGET_DIR:-target}"
pages=(market screener token)
bins=()
for page in "${pages[@]}"; do bins+=(--bin "tokenlens-$page"); done
if [ "$profile" = release ]; then
  cargo build --quiet -p tokenlens-web "${bins[@]}" --target wasm32-unknown-unknown --release
else
  cargo build --quiet -p tokenlens-web "${bins[@]}" --target wasm32-unknown-unknown
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rm -f "$staging"/{market,screener,token}-*.js "$staging"/{market,screener,token}-*_bg.wasm
for page in "${pages[@]}"; do
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$page" \
    "$target/wasm32-unknown-unknown/$profile/tokenlens-$page.wasm"
  if [ "$profile" = release ]; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-simd --enable-reference-types \
      "$tmp/${page}_bg.wasm" -o "$tmp/${page}_bg.wasm"
  fi
  if [ -d "$tmp/snippets" ]; then
    echo "build-entries: the $page app has JS snippets; copy them beside it" >&2
    exit 1
  fi
  hash="$(cat "$tmp/$page.js" "$tmp/${page}_bg.wasm" | sha256sum | cut -c1-16)"
  mv "$tmp/$page.js" "$staging/$page-$hash.js"
  mv "$tmp/${page}_bg.wasm" "$staging/$page-${hash}_bg.wasm"
  echo "build-entries: $page-$hash.js $(gzip -9 -c "$staging/$page-$hash.js" | wc -c) bytes gzip," \
    "$page-${hash}_bg.wasm $(gzip -9 -c "$staging/$page-${hash}_bg.wasm" | wc -c) bytes gzip"
done
python3 scripts/externalize-loader.py "$staging"
python3 scripts/service-worker.py "$staging"
