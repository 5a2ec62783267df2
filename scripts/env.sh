# Shared environment of the project's scripts: sourced, not run.
# Puts the tools scripts/setup.sh installs first on PATH and keeps them offline.

TOKENLENS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TOKENLENS_ROOT
export PATH="$TOKENLENS_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk's update check calls an API this build must not depend on.
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The exact wasm-bindgen version, read from the workspace manifest (the one source of truth).
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$TOKENLENS_ROOT/Cargo.toml")"
export WASM_BINDGEN_VERSION
export TRUNK_VERSION=0.21.14
