#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm, wasm-bindgen --target web, wasm-opt -Oz, three
# times: the whole module (entry `tokenlens-wasm`: pkg/index.js over pkg/tokenlens.js), the
# indicators-only one (entry `tokenlens-wasm/indicators`: pkg/indicators.js over pkg/indicators/)
# and the evaluation's (entry `tokenlens-wasm/evaluation`: pkg/evaluation.js over pkg/evaluation/).
# Both are built with the `release` profile (the core at opt-level "s", see Cargo.toml). The
# `widget` profile (the core at "z" too) was measured for the whole module: 8.5 KB gzip less
# (177.8 against 186.3 KB of wasm), but `screen()` of 1,000 tokens 46 % slower
# (`node bench/screen.mjs`: 440 against 301 ms), too much for a module whose work is the
# analysis. scripts/pkg-sizes.sh (run last) fails the build when an entry is over its gzip
# budget: 200 KB for `tokenlens-wasm`, 100 KB for `tokenlens-wasm/indicators`, 120 KB for
# `tokenlens-wasm/evaluation`.
# Usage: scripts/build-pkg.sh [--crash-test DIR]   (run scripts/setup.sh first)
#   --crash-test DIR  a test build into DIR instead of pkg/, every module with feature
#                     `crash-test` (`panicForTest()`, a deliberate panic) for
#                     tests/npm/crash.test.mjs; no size check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

out=pkg
test_features=()
if [ "${1:-}" = "--crash-test" ]; then
  out="${2:?--crash-test needs a directory}"
  test_features=(--features crash-test)
elif [ $# -gt 0 ]; then
  echo "usage: scripts/build-pkg.sh [--crash-test DIR]" >&2
  exit 2
fi

# One wasm module into directory $1, built with cargo profile $2, wasm-opt options $3
# (besides -Oz) and cargo arguments $4…
module() {
  local dir="$1" profile="$2" opt="$3"
  shift 3
  cargo build --quiet -p tokenlens-wasm --target wasm32-unknown-unknown --profile "$profile" "$@" "${test_features[@]}"
  wasm-bindgen --target web --out-dir "$dir" --out-name tokenlens \
    "target/wasm32-unknown-unknown/$profile/tokenlens_wasm.wasm"
  glue "$dir/tokenlens.js"
  # shellcheck disable=SC2086 # $opt: zero or more options
  # --strip-producers / --strip-target-features: custom sections no engine reads.
  wasm-opt -Oz $opt --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
    "$dir/tokenlens_bg.wasm" -o "$dir/tokenlens_bg.wasm"
  # The raw export table is typed with `any` and is no API: it is not shipped, and
  # `InitOutput` (what init() resolves to) keeps only the memory.
  rm "$dir/tokenlens_bg.wasm.d.ts"
  perl -0pi -e 's/export interface InitOutput \{.*?\n\}/export interface InitOutput {\n  readonly memory: WebAssembly.Memory;\n}/s' \
    "$dir/tokenlens.d.ts"
}

# After a panic the glue makes a new instance of the module before the next call
# (crates/wasm/src/crash.rs). Two changes to the code it generates for that: `free()` of an
# object of the stopped instance frees nothing (the generated one would free its address in
# the new instance), and any other use of such an object throws `TokenlensError` `FREED`.
# The JSDoc comments go: the same text is in tokenlens.d.ts, which is what editors read
# (3.8 KB gzip of the whole module's 8.8 KB of glue).
glue() {
  local frees
  frees=$(grep -c '^    free() {$' "$1" || true)
  perl -0pi -e 's/(\n    free\(\) \{\n        const ptr = this\.__destroy_into_raw\(\);\n)/$1        if (this.__wbg_inst !== __wbg_instance_id || __wbg_reinit_scheduled) return;\n/g' "$1"
  perl -0pi -e "s/new Error\('Invalid stale object from previous Wasm instance'\)/new TokenlensError('FREED', 'the object was lost when the module restarted after an internal error')/g" "$1"
  perl -0pi -e 's#\n[ \t]*/\*\*.*?\*/##gs' "$1"
  if [ "$(grep -c '__wbg_reinit_scheduled) return;$' "$1" || true)" != "$frees" ] \
    || grep -q 'Invalid stale object' "$1" || ! grep -q '^function __wbg_reset_state' "$1"; then
    echo "build-pkg: the glue of wasm-bindgen has another form; check glue() in $0" >&2
    exit 1
  fi
}

rm -rf "$out"
# --converge (-Oz again until the module stops shrinking): 1.5 KB gzip less for the whole
# module, a few hundred bytes more for the indicators-only one. --low-memory-unused (constant
# offsets folded into addresses, sound when nothing lives in the first 1 KB of memory: rustc
# puts its 1 MB stack below the data, growing down, so only a stack overflow would reach it):
# 1.2 KB gzip less.
module "$out" release "--converge --low-memory-unused"
module "$out/indicators" release "" --no-default-features --features indicators
module "$out/evaluation" release "--converge --low-memory-unused" --no-default-features --features evaluation
# The sub-entries' modules import the package's one copy of the crate's JS snippets (the
# same files), so `TokenlensError` is one class whichever entry threw it. Only the
# `import` lines change: the names the wasm module imports its functions under stay.
for dir in "$out/indicators" "$out/evaluation"; do
  sed -i "/^import /s#\([\"']\)./snippets/#\1../snippets/#" "$dir/tokenlens.js"
  rm -r "$dir/snippets"
done

# The entries: the module's exports and the streaming indicator classes; the error class
# is imported from the folder wasm-bindgen gave the crate's snippets.
snippets() { basename "$(dirname "$(dirname "$(ls "$1"/snippets/*/js/errors.js)")")"; }
sed "s#/snippets/tokenlens-wasm/#/snippets/$(snippets "$out")/#" crates/wasm/npm/entry.js > "$out/index.js"
cp crates/wasm/npm/entry.d.ts "$out/index.d.ts"
sed -e "s#'./tokenlens.js'#'./indicators/tokenlens.js'#" \
  -e "s#/snippets/tokenlens-wasm/#/snippets/$(snippets "$out")/#" \
  crates/wasm/npm/entry.js > "$out/indicators.js"
sed "s#'./tokenlens.js'#'./indicators/tokenlens.js'#" crates/wasm/npm/entry.d.ts > "$out/indicators.d.ts"
sed "s#/snippets/tokenlens-wasm/#/snippets/$(snippets "$out")/#" crates/wasm/npm/evaluation.js > "$out/evaluation.js"
cp crates/wasm/npm/evaluation.d.ts "$out/evaluation.d.ts"

cp crates/wasm/npm/package.json crates/wasm/npm/README.md LICENSE "$out/"
[ "$out" = pkg ] || exit 0
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
grep -q "\"version\": \"$version\"" pkg/package.json \
  || { echo "build-pkg: crates/wasm/npm/package.json version differs from the workspace ($version)" >&2; exit 1; }
bash scripts/pkg-sizes.sh
