#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test tokenlens; idempotent.
# `--site`: only what building and serving the site needs (scripts/serve.sh,
# scripts/publish-site.sh): no Chromium, which only the tests drive.
# Needs: Debian, rustup, Node 20+, Python 3; network access to the package
# registries only (crates, npm, Debian). Nothing is downloaded from anywhere else:
# no tool fetches its own binaries (trunk runs offline, Playwright uses Debian's Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TOKENLENS_ROOT"

step() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
site_only=false
[ "${1:-}" = "--site" ] && site_only=true
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

for tool in cargo rustup node npm python3; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is required but not installed" >&2; exit 1; }
done

# Rust: the wasm target and the linters.
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for component in rustfmt clippy; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    step "adding rustup component $component"
    rustup component add "$component"
  fi
done

# wasm-bindgen CLI: must equal the crate version exactly. Installed without
# --locked: its lockfile pins a webpki-roots release some registry mirrors lack.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# trunk: builds and serves the site. 0.21.x is the last line that builds on rustc 1.95.
# A debug build: trunk only runs the build's steps (cargo, wasm-bindgen, the hooks), so an
# optimised trunk builds the site no faster (a site build took 42.7-50.1 s with either),
# while compiling it unoptimised takes about half as long (339 s against 723 s, measured
# side by side on 2 cores). wasm-bindgen stays optimised: unoptimised, it ran 4 times
# slower (2.0 s against 0.48 s on the app's wasm), and every build and wasm test runs it.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (about 4 minutes)"
  cargo install --debug --locked trunk --version "=$TRUNK_VERSION" --force
fi

# Chromium and its driver, matched by Debian, for browser tests.
if ! $site_only && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  step "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y --no-install-recommends chromium chromium-driver \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends chromium chromium-driver; }
fi

# npm dev dependencies (wasm-opt from binaryen, playwright-core, typescript), from the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  echo "setup: wasm-opt 132 is not first on PATH ($(command -v wasm-opt || echo none))" >&2
  exit 1
fi
step "ready"
