#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm, wasm-bindgen --target web, wasm-opt -Oz.
# Usage: scripts/build-pkg.sh   (run scripts/setup.sh first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

cargo build --quiet -p tokenlens-wasm --target wasm32-unknown-unknown --release
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name tokenlens \
  target/wasm32-unknown-unknown/release/tokenlens_wasm.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
  pkg/tokenlens_bg.wasm -o pkg/tokenlens_bg.wasm
cp crates/wasm/npm/package.json crates/wasm/npm/README.md LICENSE pkg/
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
grep -q "\"version\": \"$version\"" pkg/package.json \
  || { echo "build-pkg: crates/wasm/npm/package.json version differs from the workspace ($version)" >&2; exit 1; }
raw=$(stat -c %s pkg/tokenlens_bg.wasm)
gz=$(gzip -9 -c pkg/tokenlens_bg.wasm | wc -c)
echo "build-pkg: pkg/tokenlens_bg.wasm ${raw} bytes raw, ${gz} bytes gzip"
