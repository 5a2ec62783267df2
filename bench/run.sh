#!/usr/bin/env bash
# The speed benchmark, end to end: builds pkg/, installs the JS peers
# (npm ci --prefix bench), writes the seeded data, times the pass natively
# (criterion) and with TA-Lib C (bench/talib_pass.c, called from C), then in
# Node with our wasm package and every peer. Prints the table and writes
# bench/results/latest.json. Not a test: it is not part of scripts/test.sh.
#
# Usage: bash bench/run.sh [--runs 7] [--warmup 2] [--only name,name]
# TA-Lib C is the library the Python ta-lib wheel bundles: set TALIB_PYTHON to a
# Python that has it (python3 -m venv V && V/bin/pip install numpy ta-lib), and
# have a C compiler (cc); without them that row is left out.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$TOKENLENS_ROOT"

echo "run: building pkg/"
bash scripts/build-pkg.sh
echo "run: installing the benchmark's npm packages"
npm ci --prefix bench --no-audit --no-fund --silent
node bench/gen.mjs

mkdir -p bench/results
native=bench/results/native.json
echo "run: native pass (criterion)"
cargo bench --quiet -p tokenlens-core --bench indicators -- '^indicators/pass' 2>&1 | grep -E '^(data|indicators)|time:|error' || true
target="${CARGO_TARGET_DIR:-target}"
python=${TALIB_PYTHON:-python3}
talib_json=bench/results/talib.json
rm -f "$talib_json"
# The shared library the ta-lib extension module links (auditwheel renames it).
talib_lib="$("$python" -c 'import talib._ta_lib as m; print(m.__file__)' 2>/dev/null \
  | xargs -r ldd 2>/dev/null | sed -n 's/.*libta-lib[^ ]* => \([^ ]*\) .*/\1/p' | head -n1 || true)"
if [ -n "$talib_lib" ] && command -v cc >/dev/null; then
  echo "run: TA-Lib C pass ($talib_lib)"
  cc -O2 -o "$target/talib_pass" bench/talib_pass.c "$talib_lib" -Wl,-rpath,"$(dirname "$talib_lib")"
  "$target/talib_pass" bench/data/ohlcv.f64 > "$talib_json"
else
  echo "run: no TA-Lib C library found through $python (set TALIB_PYTHON) or no cc; its row is left out" >&2
fi
node -e '
  const fs = require("fs");
  const [target, talib, out] = process.argv.slice(1);
  const est = (name) => {
    const f = `${target}/criterion/indicators/${name}/new/estimates.json`;
    return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")).median.point_estimate / 1e6 : null;
  };
  const rows = [
    { name: "tokenlens native, catalog pass (Rust, criterion median)", ms: est("pass"), ours: true },
    { name: "tokenlens native, flat pass (Rust, criterion median)", ms: est("pass_flat"), ours: true },
    { name: "tokenlens native, many-series pass (Rust, criterion median)", ms: est("pass_many"), ours: true },
  ];
  if (fs.existsSync(talib)) {
    const t = JSON.parse(fs.readFileSync(talib, "utf8"));
    rows.push({ name: t.name, ms: t.ms, runs_ms: t.runs_ms, rsi14_series0_last: t.rsi14_series0_last });
  }
  fs.writeFileSync(out, JSON.stringify(rows.filter((r) => r.ms !== null), null, 2) + "\n");
' "$target" "$talib_json" "$native"

echo "run: wasm and JS libraries"
node --expose-gc bench/bench.mjs --native "$native" "$@"
